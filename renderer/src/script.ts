/**
 * The built-in verify script (replaced by script packs later). Each step's words live in the
 * locale files under script.verify.<id>; the order's values fill the placeholders.
 */
export interface ScriptStep {
  id: string;
  /** A checklist item the agent ticks when this step is done. */
  check?: 'addressReadBack' | 'packageConfirmed' | 'expectationSet' | 'wechatInvited';
}

export const VERIFY_SCRIPT: ScriptStep[] = [
  { id: 'greeting' },
  { id: 'readAddress', check: 'addressReadBack' },
  { id: 'confirmPackage', check: 'packageConfirmed' },
  { id: 'stabilise' },
  { id: 'expectations', check: 'expectationSet' },
  { id: 'wechat', check: 'wechatInvited' },
];
