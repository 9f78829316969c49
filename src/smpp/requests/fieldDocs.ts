// What each body field of a request means, in a sentence, for hovers in request files. The
// field's type, size and coded values come from the tables; these words say what it is for.

export const FIELD_MEANINGS: Readonly<Record<string, string>> = {
  system_id: 'Identifies the ESME to the SMSC (the account name).',
  password: 'The password of the account; write ${env:NAME} to keep it out of the file.',
  system_type: 'The type of ESME, as some SMSCs ask for it (e.g. VMS, OTA); usually empty.',
  interface_version: 'The SMPP version the ESME speaks (3.3, 3.4 or 5.0).',
  addr_ton: 'Type of number of the addresses this ESME serves (address_range).',
  addr_npi: 'Numbering plan of the addresses this ESME serves (address_range).',
  address_range: 'The addresses (a regular expression at most SMSCs) whose messages this ESME receives.',
  service_type: 'The SMS application service (CMT, CPT, VMN, …); empty for the SMSC default.',
  source_addr_ton: 'Type of number of the source address: international, national, alphanumeric, …',
  source_addr_npi: 'Numbering plan of the source address: isdn (E.164) for phone numbers, unknown for alphanumeric senders.',
  source_addr: 'The sender: a number, or up to 11 characters when source_addr_ton is alphanumeric.',
  dest_addr_ton: 'Type of number of the destination: international for numbers with the country code.',
  dest_addr_npi: 'Numbering plan of the destination: isdn (E.164) for phone numbers.',
  destination_addr: 'The recipient, usually an international number without "+".',
  esm_class: 'Messaging mode, message type and GSM features: udhi when short_message starts with a user data header.',
  protocol_id: 'The GSM TP-Protocol-Identifier (0 for a normal SMS).',
  priority_flag: 'Priority of the message, 0 (lowest) to 4.',
  schedule_delivery_time: 'When to deliver: empty for now, or an SMPP time (YYMMDDhhmmsstnnp, absolute or relative with R).',
  validity_period: 'How long the SMSC keeps trying: empty for its default, or an SMPP time (absolute or relative).',
  registered_delivery: 'Asks for a delivery receipt (receipt), on failure only, on success only (5.0), and SME acknowledgements.',
  replace_if_present_flag: 'Replace a message still pending with the same source, destination and service_type.',
  data_coding: 'The alphabet of short_message: default (GSM 7-bit at most SMSCs), latin1, ucs2, binary, …',
  sm_default_msg_id: 'A canned message of the SMSC to send instead of short_message (0: none).',
  short_message: 'The message: text (encoded as data_coding says) or octets written 0x…; at most 254 octets (use message_payload for more).',
  message_id: 'The SMSC\'s id of an earlier message, as its submit_sm_resp gave it (${last.message_id}).',
  dest_address: 'submit_multi destinations: numbers separated by commas (international ISDN), dl:NAME for a distribution list, or the JSON form.',
  esme_addr_ton: 'Type of number of the ESME address to alert.',
  esme_addr_npi: 'Numbering plan of the ESME address to alert.',
  esme_addr: 'The ESME address the alert is for.',
  param_name: 'The SMSC parameter to read (SMPP 3.3).',
};

export const SETTING_MEANINGS: Readonly<Record<string, string>> = {
  connection: 'The connection (by its name in a *.smpp.json file) that sends this block; a block without one uses the previous block\'s.',
  pdu: 'The request PDU this block sends: any request of SMPP 3.3, 3.4 or 5.0 (broadcast_sm needs a 5.0 bind).',
  repeat: 'Send the PDU this many times; ${counter}, ${range a..b} and ${random a..b} change on every send.',
};
