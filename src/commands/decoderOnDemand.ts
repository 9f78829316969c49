// What activation sets up of the PDU decoder and the hex hover, whose code (the panel, the pcap
// export, the codec and its field tree; dist/decoder.js) loads the first time one is used.
import * as vscode from 'vscode';
import type { DecoderController } from '../decoder/decoderPanel';
import { lazy } from '../lazy';
import type { ConnectionModel } from '../model/connectionModel';
import { coerceDecoderState, DECODER_VIEW_TYPE } from '../shared/decoderMessages';

/**
 * The decoder, loaded by the first command that needs it. Until then this holds the decoder's
 * panel serializer, so that a decoder left open is restored after a reload; the decoder's own
 * serializer takes over once it loads.
 */
export class DecoderOnDemand implements vscode.Disposable {
  private controller: DecoderController | undefined;
  private serializer: vscode.Disposable | undefined;

  constructor(private readonly services: ConstructorParameters<typeof DecoderController>[0]) {
    this.serializer = vscode.window.registerWebviewPanelSerializer(DECODER_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel: vscode.WebviewPanel, state: unknown) => {
        this.get().adopt(panel, coerceDecoderState(state));
      },
    });
  }

  /** The decoder, loaded now if it is not yet. */
  get(): DecoderController {
    if (this.controller === undefined) {
      const { DecoderController } = lazy.decoder();
      this.serializer?.dispose();
      this.serializer = undefined;
      this.controller = new DecoderController(this.services);
    }
    return this.controller;
  }

  dispose(): void {
    this.serializer?.dispose();
    this.controller?.dispose();
  }
}

/** The hex hover, on every file; its provider loads at the first hover. It names the vendor TLVs of `model`'s files. */
export function registerHexHoverOnDemand(model: ConnectionModel): vscode.Disposable {
  let provider: vscode.HoverProvider | undefined;
  const make = (): vscode.HoverProvider => {
    const { HexHoverProvider, workspaceDictionary } = lazy.decoder();
    return new HexHoverProvider(() => workspaceDictionary(model.fileEntries));
  };
  return vscode.languages.registerHoverProvider({ scheme: '*' }, { provideHover: (document, position, token) => (provider ??= make()).provideHover(document, position, token) });
}
