// Messages out of captured PDUs: submits with their message_id and receipts, mobile-originated
// messages, and long messages reassembled from their parts. Browser-safe: the decoder page runs it.
export { correlateMessages, MessageTracker, type MessageKind, type MessageOptions, type MessageRecord, type PartView, type ReceiptView, type SmsMessage } from './tracker';
export { ID_FORMATS, type IdFormat } from './ids';
export type { ConcatMethod, Dcs0 } from './content';
