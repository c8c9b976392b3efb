/** The ledger feature's port for other renderer features: the full script of a ledger entry, one click away. */
export { FullScript } from './full-script';
