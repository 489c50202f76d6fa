package form

import (
	"encoding/json"

	"github.com/formworkhq/formwork/designer/expr"
)

// signatureKind is a handwritten signature: a reference to a PNG the
// attachment store holds, shaped like one attachment. The file must have
// been uploaded as a drawn signature (purpose "signature"), which records
// the signer's name, the uploader who vouches for it and the time; the
// rules of attachments about who may attach it apply.
type signatureKind struct{}

// signatureTypes are the images a signature may be.
var signatureTypes = []string{"image/*"}

func (signatureKind) name() string      { return "signature" }
func (signatureKind) label() Text       { return text("Signature", "签名") }
func (signatureKind) widgets() []string { return []string{"signature_pad"} }

func (signatureKind) parseSettings(raw json.RawMessage) (any, []issue) {
	return parseNoSettings(raw)
}

func (signatureKind) fragment(any) map[string]any {
	return fileFragment(5 << 20)
}

func (k signatureKind) checkProperty(p property, _ any) []issue {
	return checkFileRef(p, k)
}

func (signatureKind) exprType(property, any) expr.Type { return fileRef }

func (signatureKind) checkValue(v any, _ any) []issue {
	return checkFile(v, "", 0, signatureTypes)
}
