// The exercise editor: CodeMirror 6 with Python highlighting and indentation, bundled once by `make vendor`.
import { EditorView, basicSetup } from "codemirror";
import { keymap } from "@codemirror/view";
import { indentWithTab } from "@codemirror/commands";
import { python } from "@codemirror/lang-python";

// Replaces the textarea with an editor and keeps the textarea's value in step, so the form posts the code as usual.
// CodeMirror writes its styles into a <style> element, which the Content-Security-Policy admits only with the
// page's nonce: without it the editor has no layout and long code spills over the buttons below it.
export function attachEditor(textarea, styleNonce) {
  const view = new EditorView({
    doc: textarea.value,
    extensions: [
      EditorView.cspNonce.of(styleNonce || ""),
      basicSetup,
      keymap.of([indentWithTab]),
      python(),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) textarea.value = update.state.doc.toString();
      }),
    ],
  });
  textarea.hidden = true;
  textarea.after(view.dom);
  return {
    getCode: () => view.state.doc.toString(),
    setCode: (code) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: code } }),
  };
}
