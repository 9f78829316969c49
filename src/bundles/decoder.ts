// dist/decoder.js: the PDU decoder panel with the capture's pcap export, and the hex hover with
// the codec and its field tree, loaded when the decoder first opens or at the first hover.
export { DecoderController } from '../decoder/decoderPanel';
export { HexHoverProvider } from '../editor/hexHover';
export { workspaceDictionary } from '../decoder/connectionInfo';
// "Open Capture File": the pcap/pcapng reader with its TCP reassembly, and the import into the capture.
export { openCaptureFile } from '../commands/openCaptureRun';
