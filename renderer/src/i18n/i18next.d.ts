import 'i18next';
import type { defaultNS, en } from './resources';

// Keys are typed from the English files: a misspelt key, or a key in the wrong namespace, fails tsc.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: typeof defaultNS;
    resources: typeof en;
    returnNull: false;
  }
}
