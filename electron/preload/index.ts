import { contextBridge, ipcRenderer } from 'electron';
import { bridgeGlobalName } from '../../shared/ipc/bridge';
import { createBridgeApi } from './bridge-api';

// Sandboxed preload (bundled by scripts/build.mjs): exposes the contract-checked bridge and nothing else.
contextBridge.exposeInMainWorld(bridgeGlobalName, createBridgeApi(ipcRenderer));
