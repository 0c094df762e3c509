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
} satisfies CallcardBridge;

contextBridge.exposeInMainWorld('callcard', bridge);
