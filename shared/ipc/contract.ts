import type { z } from 'zod';
import { appChannels, appEvents } from '../features/app/app.contract';
import { checkpointsChannels, checkpointsEvents } from '../features/checkpoints/checkpoints.contract';
import { consoleChannels, consoleEvents } from '../features/console/console.contract';
import { hostsChannels, hostsEvents } from '../features/hosts/hosts.contract';
import { inventoryChannels, inventoryEvents } from '../features/inventory/inventory.contract';
import { ledgerChannels, ledgerEvents } from '../features/ledger/ledger.contract';
import { p2vChannels, p2vEvents } from '../features/p2v/p2v.contract';
import { tasksChannels, tasksEvents } from '../features/tasks/tasks.contract';
import { terminalChannels, terminalEvents } from '../features/terminal/terminal.contract';
import { runbookChannels, runbookEvents } from '../features/runbook/runbook.contract';
import { hostOverviewChannels, hostOverviewEvents } from '../features/host-overview/host-overview.contract';
import { liveChannels } from './live';

/**
 * The one IPC contract. Every feature contributes its channels and events here; the main-side
 * dispatcher, the preload bridge, the gateway and the renderer client are all derived from these maps.
 * Add a feature: write shared/features/<x>/<x>.contract.ts and spread it below.
 */
export const channels = {
  ...liveChannels,
  ...terminalChannels,
  ...runbookChannels,
  ...appChannels,
  ...checkpointsChannels,
  ...hostsChannels,
  ...ledgerChannels,
  ...inventoryChannels,
  ...tasksChannels,
  ...consoleChannels,
  ...p2vChannels,
  ...hostOverviewChannels,
} as const;

export const events = {
  ...terminalEvents,
  ...runbookEvents,
  ...appEvents,
  ...checkpointsEvents,
  ...hostsEvents,
  ...ledgerEvents,
  ...inventoryEvents,
  ...tasksEvents,
  ...consoleEvents,
  ...p2vEvents,
  ...hostOverviewEvents,
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type ChannelInput<K extends ChannelName> = z.input<Channels[K]['input']>;
export type ChannelOutput<K extends ChannelName> = z.output<Channels[K]['output']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<K extends EventName> = z.output<Events[K]['payload']>;

export const channelNames = Object.keys(channels) as ChannelName[];
export const eventNames = Object.keys(events) as EventName[];

export const isChannelName = (name: unknown): name is ChannelName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);
export const isEventName = (name: unknown): name is EventName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
