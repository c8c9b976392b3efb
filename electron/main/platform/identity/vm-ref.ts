export { vmKey, VmRef, legacyVmKey, parseLegacyVmKey } from '../../../../shared/platform/vm-ref';
