// The outbox delivery log's model: the message and incident types, the
// filters of GET /api/v1/deliveries and how they become its query, and
// the small decisions the screens make about a delivery.
import { query } from '../api/client';
import type { components } from '../api/schema';
import type { Language } from '../i18n';

type S = components['schemas'];

/**
 * One outbox message as GET /api/v1/deliveries shows it; vendor_id is the
 * vendor's id of the message (ids joined by commas for one sent in parts).
 */
export type Delivery = S['Delivery'];

/** A recipient a vendor refused for good, with its reason per locale. */
export type RefusedRecipient = S['RefusedRecipient'];

/** One page of deliveries, newest first. */
export interface DeliveryPage {
  items: Delivery[] | null;
  next_cursor?: string;
}

/** A message that gave up after every retry. */
export type Incident = S['Incident'];

/** The incidents of the organisation, newest first. */
export interface IncidentList {
  items: Incident[] | null;
}

/** The statuses a message goes through, in the order of its life. */
export const deliveryStatuses = ['pending', 'sending', 'delivered', 'failed', 'dead'] as const;

/** The filters of the delivery log; empty ones do not filter. */
export interface DeliveryFilter {
  record_id?: string;
  status?: string;
  channel?: string;
}

/** The page size the screens ask for. */
export const DELIVERY_PAGE = 50;

/** The roles the server lets retry a message by hand. */
export const retryRoles = ['owner', 'admin', 'implementer', 'supervisor'];

/** The path of one page of deliveries matching f, after cursor. */
export function deliveriesPath(f: DeliveryFilter, cursor = ''): string {
  return '/api/v1/deliveries' + query({ ...f, cursor, limit: DELIVERY_PAGE });
}

/** The path that retries the delivery id. */
export function retryPath(id: string): string {
  return `/api/v1/deliveries/${encodeURIComponent(id)}/retry`;
}

/** Says whether d may be sent again by hand (the server retries failed and dead ones). */
export function retriable(d: Pick<Delivery, 'status'>): boolean {
  return d.status === 'failed' || d.status === 'dead';
}

/** The colour of a status tag. */
export function statusColor(status: string): string {
  switch (status) {
    case 'delivered': return 'green';
    case 'failed': return 'orange';
    case 'dead': return 'red';
    case 'sending': return 'blue';
    default: return 'default';
  }
}

/** Why r was refused, in lng, then English, then its code. */
export function refusedReason(r: RefusedRecipient, lng: Language): string {
  return r.messages[lng] || r.messages.en || r.messages['zh-CN'] || r.code || '';
}

/** The vendor's ids of d, one per part. */
export function vendorIds(d: Delivery): string[] {
  return (d.vendor_id ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

/** The distinct channels of items, sorted, for the channel filter's choices. */
export function channelsOf(items: { channel: string }[]): string[] {
  return [...new Set(items.map((d) => d.channel).filter(Boolean))].sort();
}

/** items with d in place of the item of the same id. */
export function replaceDelivery(items: Delivery[], d: Delivery): Delivery[] {
  return items.map((x) => (x.id === d.id ? d : x));
}
