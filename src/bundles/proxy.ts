// dist/proxy.js: the analyser proxy, loaded when one first starts.
export { SmppProxy } from '../smpp/proxy/proxy';
export { attachProxyCapture } from '../smpp/proxy/capture';
