package plugins

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
)

// Mask is what the API shows in place of a secret setting.
const Mask = "••••"

// sealedPrefix versions the format of sealed values.
const sealedPrefix = "v1:"

// ErrNoKey says that no FORMWORK_SECRET_KEY is set, so secrets cannot be
// stored or read.
var ErrNoKey = errors.New("no secret key configured (FORMWORK_SECRET_KEY)")

// Sealer encrypts secret settings with AES-256-GCM. The zero value has no
// key and refuses to seal or open.
type Sealer struct {
	aead cipher.AEAD
}

// NewSealer returns a sealer for a 32-byte key, or one without a key when
// key is empty.
func NewSealer(key []byte) (*Sealer, error) {
	if len(key) == 0 {
		return &Sealer{}, nil
	}

	if len(key) != 32 {
		return nil, fmt.Errorf("secret key must be 32 bytes, not %d", len(key))
	}

	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("creating secret cipher: %w", err)
	}

	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("creating secret cipher: %w", err)
	}

	return &Sealer{aead: aead}, nil
}

// HasKey reports whether the sealer can seal and open.
func (s *Sealer) HasKey() bool { return s != nil && s.aead != nil }

// Seal encrypts plain, binding it to context (tenant, instance and
// setting), so a sealed value copied elsewhere does not open.
func (s *Sealer) Seal(plain, context string) (string, error) {
	if !s.HasKey() {
		return "", ErrNoKey
	}

	nonce := make([]byte, s.aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return "", fmt.Errorf("reading a nonce: %w", err)
	}

	out := s.aead.Seal(nonce, nonce, []byte(plain), []byte(context))

	return sealedPrefix + base64.RawStdEncoding.EncodeToString(out), nil
}

// Open decrypts a value sealed with the same key and context.
func (s *Sealer) Open(sealed, context string) (string, error) {
	if !s.HasKey() {
		return "", ErrNoKey
	}

	raw, err := base64.RawStdEncoding.DecodeString(strings.TrimPrefix(sealed, sealedPrefix))
	if err != nil || !strings.HasPrefix(sealed, sealedPrefix) {
		return "", errors.New("opening a secret: not a sealed value")
	}

	n := s.aead.NonceSize()
	if len(raw) < n {
		return "", errors.New("opening a secret: too short")
	}

	plain, err := s.aead.Open(nil, raw[:n], raw[n:], []byte(context))
	if err != nil {
		return "", fmt.Errorf("opening a secret: %w", err)
	}

	return string(plain), nil
}
