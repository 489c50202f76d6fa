package attachment

// Default limits.
const (
	// DefaultMaxBytes is the largest file accepted when Config.MaxBytes is
	// zero: 20 MiB.
	DefaultMaxBytes = 20 << 20
	// chunkSize is the bytes of one chunk document: with its few other
	// fields it stays under 255 KiB.
	chunkSize = 254 << 10
)

// Config tunes the attachment store. The zero value means the defaults
// noted on each field.
type Config struct {
	// MaxBytes is the largest file accepted, in bytes
	// (FORMWORK_ATTACHMENT_MAX_BYTES); zero means 20 MiB.
	MaxBytes int64
}

func (c Config) withDefaults() Config {
	if c.MaxBytes <= 0 {
		c.MaxBytes = DefaultMaxBytes
	}
	return c
}
