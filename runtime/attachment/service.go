package attachment

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/ids"
	"github.com/formworkhq/formwork/internal/mongo"
	"github.com/formworkhq/formwork/internal/problem"
)

// Service stores and serves the files of every tenant. It is safe for
// concurrent use.
type Service struct {
	store *mongo.Store
	clock clock.Clock
	ids   *ids.Generator
	log   *slog.Logger
	cfg   Config
}

// New returns the attachment store over store.
func New(store *mongo.Store, clk clock.Clock, cfg Config, log *slog.Logger) *Service {
	return &Service{store: store, clock: clk, ids: ids.NewGenerator(clk),
		log: log.With(slog.String("component", "attachment")), cfg: cfg.withDefaults()}
}

// EnsureIndexes creates the collections. Both are read by _id only, so
// they need no index of their own.
func (s *Service) EnsureIndexes(ctx context.Context) error {
	for _, name := range []string{Collection, ChunksCollection} {
		if err := s.store.EnsureCollection(ctx, name, nil); err != nil {
			return fmt.Errorf("preparing %s: %w", name, err)
		}
	}
	return nil
}

// MaxBytes is the largest file accepted.
func (s *Service) MaxBytes() int64 { return s.cfg.MaxBytes }

// TooLarge is the refusal of a file over MaxBytes.
func (s *Service) TooLarge() error { return tooLarge(s.cfg.MaxBytes) }

// Create stores an upload of the principal: its type is detected from the
// content and must be on the allowlist (a signature must be a PNG), its
// size at most MaxBytes. The chunks are written first and the metadata
// last, so a failed upload leaves nothing that names a file.
func (s *Service) Create(ctx context.Context, p auth.Principal, up *Upload) (*Attachment,
	error) {
	if int64(len(up.Data)) > s.cfg.MaxBytes {
		return nil, s.TooLarge()
	}
	ct, err := Detect(up.Name, up.Data)
	if err != nil {
		return nil, err
	}
	if up.Purpose == PurposeSignature && ct != "image/png" {
		return nil, problem.New(problem.MediaType, "attachment.signature_png", nil)
	}

	sum := sha256.Sum256(up.Data)
	a := &Attachment{ID: s.ids.New(), Name: up.Name, Size: int64(len(up.Data)),
		SHA256: hex.EncodeToString(sum[:]), ContentType: ct, Purpose: up.Purpose,
		Signer: up.Signer, UploadedBy: p.UserID, UploadedAt: s.clock.Now()}
	if err := s.write(ctx, p, a, up.Data); err != nil {
		return nil, err
	}
	return a, nil
}

// Meta returns the metadata of a file of the principal's tenant; another
// tenant's id is NotFound.
func (s *Service) Meta(ctx context.Context, p auth.Principal, id string) (*Attachment, error) {
	a, err := Find(ctx, s.store.Scope(p.TenantID), id)
	if err != nil {
		return nil, err
	}
	if a == nil {
		return nil, problem.NotFoundf("attachment.not_found")
	}
	return a, nil
}

// Find reads the metadata of file id through sc; nil when the tenant has
// no such file. Form validation uses it to check the files a record names.
func Find(ctx context.Context, sc mongo.Scope, id string) (*Attachment, error) {
	if !ids.Valid(id) {
		return nil, nil
	}
	var a Attachment
	err := sc.C(Collection).FindByID(ctx, id, &a)
	if errors.Is(err, mongo.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading attachment %s: %w", id, err)
	}
	return &a, nil
}
