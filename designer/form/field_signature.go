package form

import (
	"encoding/json"

	"github.com/formworkhq/formwork/designer/expr"
	"github.com/formworkhq/formwork/internal/i18n"
)

// signatureKind is a handwritten signature: a reference to a PNG the
// attachment store holds, shaped like one attachment. The file must have
// been uploaded as a drawn signature (purpose "signature"), which records
// the signer's name, the uploader who vouches for it and the time; the
// rules of attachments about who may attach it apply.
type signatureKind struct{}

// signatureTypes are the images a signature may be.
var signatureTypes = []string{"image/*"}

// Who signs a signature field: the signed-in user (the default) or a
// customer who signs on the user's device and whose name the user types.
const (
	SignerUser     = "user"
	SignerCustomer = "customer"
)

// signatureSettings are a signature field's settings.
type signatureSettings struct {
	// Signer is SignerUser or SignerCustomer.
	Signer string `json:"signer"`
}

func (signatureKind) name() string      { return "signature" }
func (signatureKind) label() Text       { return text("Signature", "签名") }
func (signatureKind) widgets() []string { return []string{"signature_pad"} }

func (signatureKind) parseSettings(raw json.RawMessage) (any, []issue) {
	var s signatureSettings
	issues := decodeSettings(raw, setting{"signer", &s.Signer})
	if s.Signer == "" {
		s.Signer = SignerUser
	}
	if s.Signer != SignerUser && s.Signer != SignerCustomer {
		issues = append(issues, issue{ptr: "/signer", code: "setting_choice",
			params: i18n.Params{"name": "signer", "allowed": SignerUser + ", " + SignerCustomer}})
	}
	return s, issues
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
