package attachment_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/formworkhq/formwork/internal/auth"
	"github.com/formworkhq/formwork/internal/clock"
	"github.com/formworkhq/formwork/internal/problem"
	"github.com/formworkhq/formwork/internal/testenv"
	"github.com/formworkhq/formwork/runtime/attachment"
)

func newService(t testing.TB, cfg attachment.Config) (*attachment.Service, func() int64) {
	t.Helper()
	st := testenv.Mongo(t)
	clk := clock.NewManual(time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC))
	s := attachment.New(st, clk, cfg, testenv.Logger())
	if err := s.EnsureIndexes(context.Background()); err != nil {
		t.Fatal(err)
	}
	chunks := func() int64 {
		n, err := st.Unscoped(attachment.ChunksCollection).CountDocuments(context.Background(),
			bson.D{})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	return s, chunks
}

var (
	owner    = auth.Principal{TenantID: "t_one", UserID: "u_one"}
	intruder = auth.Principal{TenantID: "t_two", UserID: "u_two"}
)

func TestCreateAndReadAcrossChunks(t *testing.T) {
	s, chunks := newService(t, attachment.Config{})
	ctx := context.Background()
	data := bytes.Repeat([]byte("name,phone\n"), 60_000) // 660,000 bytes: 3 chunks
	a, err := s.Create(ctx, owner, &attachment.Upload{Name: "leads.csv", Data: data,
		Purpose: attachment.PurposeAttachment})
	if err != nil {
		t.Fatal(err)
	}

	sum := sha256.Sum256(data)
	if a.Size != int64(len(data)) || a.SHA256 != hex.EncodeToString(sum[:]) ||
		a.ContentType != "text/csv; charset=utf-8" || a.UploadedBy != owner.UserID {
		t.Errorf("metadata = %+v", a)
	}
	if n := chunks(); n != 3 {
		t.Errorf("chunks = %d, want 3", n)
	}

	meta, rd, err := s.Open(ctx, owner, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(rd)
	if err != nil || !bytes.Equal(got, data) || meta.Name != "leads.csv" {
		t.Fatalf("read back %d bytes (%v), want %d", len(got), err, len(data))
	}
}

func TestAnotherTenantFindsNothing(t *testing.T) {
	s, _ := newService(t, attachment.Config{})
	ctx := context.Background()
	a, err := s.Create(ctx, owner, &attachment.Upload{Name: "a.png", Data: pngBytes(t),
		Purpose: attachment.PurposeAttachment})
	if err != nil {
		t.Fatal(err)
	}

	for _, id := range []string{a.ID, "not-an-id", ""} {
		if _, _, err := s.Open(ctx, intruder, id); !isKind(err, problem.NotFound) {
			t.Errorf("Open(%q) by another tenant = %v, want NotFound", id, err)
		}
	}
}

func TestRefusalsWriteNothing(t *testing.T) {
	s, chunks := newService(t, attachment.Config{MaxBytes: 1024})
	ctx := context.Background()
	tests := []struct {
		name string
		up   attachment.Upload
		kind problem.Kind
		code string
	}{
		{"html named png", attachment.Upload{Name: "x.png",
			Data: []byte("<html><script>alert(1)</script></html>")}, problem.MediaType,
			"attachment.type_refused"},
		{"over the limit", attachment.Upload{Name: "x.csv",
			Data: bytes.Repeat([]byte("a,b\n"), 300)}, problem.TooLarge, "attachment.too_large"},
		{"signature not png", attachment.Upload{Name: "s.pdf", Data: []byte("%PDF-1.4"),
			Purpose: attachment.PurposeSignature, Signer: "Wang"}, problem.MediaType,
			"attachment.signature_png"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.up.Purpose == "" {
				tt.up.Purpose = attachment.PurposeAttachment
			}
			_, err := s.Create(ctx, owner, &tt.up)
			if pe, ok := problem.As(err); !ok || pe.Kind != tt.kind || pe.Code != tt.code {
				t.Fatalf("Create = %v, want %s", err, tt.code)
			}
			if n := chunks(); n != 0 {
				t.Fatalf("a refused upload left %d chunks", n)
			}
		})
	}
}

func TestSignatureKeepsSignerAndTime(t *testing.T) {
	s, _ := newService(t, attachment.Config{})
	a, err := s.Create(context.Background(), owner, &attachment.Upload{Name: "sign.png",
		Data: pngBytes(t), Purpose: attachment.PurposeSignature, Signer: "王磊"})
	if err != nil {
		t.Fatal(err)
	}
	want := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	if a.Signer != "王磊" || !a.UploadedAt.Equal(want) || a.ContentType != "image/png" {
		t.Fatalf("signature = %+v", a)
	}
}

func isKind(err error, k problem.Kind) bool {
	pe, ok := problem.As(err)
	return ok && pe.Kind == k
}
