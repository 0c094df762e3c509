/**
 * Exposes exactly the contract's methods on window.callcard, one named function each, so the page
 * can reach no channel the contract does not list. Sandboxed: only 'electron' may be required at
 * runtime, hence type-only imports from shared/.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { CallcardBridge } from '../../shared/contract';

const bridge = {
  getSession: (args) => ipcRenderer.invoke('getSession', args),
  completeSetup: (args) => ipcRenderer.invoke('completeSetup', args),
  updateSettings: (args) => ipcRenderer.invoke('updateSettings', args),
  nextCard: (args) => ipcRenderer.invoke('nextCard', args),
  recordOutcome: (args) => ipcRenderer.invoke('recordOutcome', args),
  listOrders: (args) => ipcRenderer.invoke('listOrders', args),
  getOrder: (args) => ipcRenderer.invoke('getOrder', args),
  importOrders: (args) => ipcRenderer.invoke('importOrders', args),
  loadDemo: (args) => ipcRenderer.invoke('loadDemo', args),
  dial: (args) => ipcRenderer.invoke('dial', args),
  myDay: (args) => ipcRenderer.invoke('myDay', args),
  releaseCards: (args) => ipcRenderer.invoke('releaseCards', args),
  getOrderRisk: (args) => ipcRenderer.invoke('getOrderRisk', args),
  riskOfOrders: (args) => ipcRenderer.invoke('riskOfOrders', args),
  rescreen: (args) => ipcRenderer.invoke('rescreen', args),
  overrideRisk: (args) => ipcRenderer.invoke('overrideRisk', args),
  rejectHeld: (args) => ipcRenderer.invoke('rejectHeld', args),
  convertToOnlinePayment: (args) => ipcRenderer.invoke('convertToOnlinePayment', args),
  listBlacklist: (args) => ipcRenderer.invoke('listBlacklist', args),
  addBlacklist: (args) => ipcRenderer.invoke('addBlacklist', args),
  removeBlacklist: (args) => ipcRenderer.invoke('removeBlacklist', args),
  importBlacklist: (args) => ipcRenderer.invoke('importBlacklist', args),
  exportBlacklist: (args) => ipcRenderer.invoke('exportBlacklist', args),
  importPhonePrefixes: (args) => ipcRenderer.invoke('importPhonePrefixes', args),
  phonePrefixCount: (args) => ipcRenderer.invoke('phonePrefixCount', args),
  getRiskSettings: (args) => ipcRenderer.invoke('getRiskSettings', args),
  updateRiskSettings: (args) => ipcRenderer.invoke('updateRiskSettings', args),
  listPacks: (args) => ipcRenderer.invoke('listPacks', args),
  validatePack: (args) => ipcRenderer.invoke('validatePack', args),
  loadPack: (args) => ipcRenderer.invoke('loadPack', args),
  getPackVersion: (args) => ipcRenderer.invoke('getPackVersion', args),
  activatePack: (args) => ipcRenderer.invoke('activatePack', args),
  rollbackPack: (args) => ipcRenderer.invoke('rollbackPack', args),
  getCardScript: (args) => ipcRenderer.invoke('getCardScript', args),
  previewScript: (args) => ipcRenderer.invoke('previewScript', args),
  listPackCalls: (args) => ipcRenderer.invoke('listPackCalls', args),
  beginUpload: (args) => ipcRenderer.invoke('beginUpload', args),
  appendUpload: (args) => ipcRenderer.invoke('appendUpload', args),
  previewImport: (args) => ipcRenderer.invoke('previewImport', args),
  startImport: (args) => ipcRenderer.invoke('startImport', args),
  importProgress: (args) => ipcRenderer.invoke('importProgress', args),
  cancelImport: (args) => ipcRenderer.invoke('cancelImport', args),
  rejectedRowsCsv: (args) => ipcRenderer.invoke('rejectedRowsCsv', args),
  listImportProfiles: (args) => ipcRenderer.invoke('listImportProfiles', args),
  saveImportProfile: (args) => ipcRenderer.invoke('saveImportProfile', args),
  deleteImportProfile: (args) => ipcRenderer.invoke('deleteImportProfile', args),
  getIntakeSettings: (args) => ipcRenderer.invoke('getIntakeSettings', args),
  updateIntakeSettings: (args) => ipcRenderer.invoke('updateIntakeSettings', args),
} satisfies CallcardBridge;

contextBridge.exposeInMainWorld('callcard', bridge);
