/**
 * The Electron IPC channel names between the preload and main: the transport underneath the contract,
 * not contract channels. They are written here and nowhere else (the preload imports them).
 */
export const ipcTransport = {
  /** renderer → main, ipcRenderer.invoke: { id, channel, input } → envelope */
  invoke: 'hyperdesk:invoke',
  /** renderer → main, ipcRenderer.send: { id } */
  cancel: 'hyperdesk:cancel',
  /** renderer → main, ipcRenderer.send: the renderer listens for events now; flush the queue */
  ready: 'hyperdesk:ready',
  /** main → renderer, webContents.send: (name, payload) */
  event: 'hyperdesk:event',
} as const;
