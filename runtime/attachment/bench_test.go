package attachment_test

import (
	"bytes"
	"context"
	"io"
	"testing"

	"github.com/formworkhq/formwork/runtime/attachment"
)

// BenchmarkRoundTrip stores and reads back a 5 MiB CSV (21 chunks) on the
// test store: the cost of one upload and one download.
func BenchmarkRoundTrip(b *testing.B) {
	s, _ := newService(b, attachment.Config{})
	ctx := context.Background()
	data := bytes.Repeat([]byte("company,phone\n"), (5<<20)/14)
	b.SetBytes(int64(len(data)))

	for b.Loop() {
		a, err := s.Create(ctx, owner, &attachment.Upload{Name: "a.csv", Data: data,
			Purpose: attachment.PurposeAttachment})
		if err != nil {
			b.Fatal(err)
		}
		_, rd, err := s.Open(ctx, owner, a.ID)
		if err != nil {
			b.Fatal(err)
		}
		if n, err := io.Copy(io.Discard, rd); err != nil || n != int64(len(data)) {
			b.Fatalf("read %d bytes: %v", n, err)
		}
	}
}

// BenchmarkDownload reads back one stored 5 MiB file.
func BenchmarkDownload(b *testing.B) {
	s, _ := newService(b, attachment.Config{})
	ctx := context.Background()
	data := bytes.Repeat([]byte("company,phone\n"), (5<<20)/14)
	a, err := s.Create(ctx, owner, &attachment.Upload{Name: "a.csv", Data: data,
		Purpose: attachment.PurposeAttachment})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))

	for b.Loop() {
		_, rd, err := s.Open(ctx, owner, a.ID)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := io.Copy(io.Discard, rd); err != nil {
			b.Fatal(err)
		}
	}
}
