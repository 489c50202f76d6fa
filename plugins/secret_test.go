package plugins_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/formworkhq/formwork/plugins"
)

func TestSealerRoundTripAndBinding(t *testing.T) {
	s, err := plugins.NewSealer(key)
	if err != nil {
		t.Fatal(err)
	}
	sealed, err := s.Seal("hunter2", "t1/i1/secret")
	if err != nil {
		t.Fatal(err)
	}

	other, _ := plugins.NewSealer(bytes.Repeat([]byte{8}, 32))
	cases := []struct {
		name    string
		sealer  *plugins.Sealer
		sealed  string
		context string
		want    string
		wantErr bool
	}{
		{"same key and context", s, sealed, "t1/i1/secret", "hunter2", false},
		{"other tenant's context", s, sealed, "t2/i1/secret", "", true},
		{"other key", other, sealed, "t1/i1/secret", "", true},
		{"tampered", s, sealed[:len(sealed)-2] + "AA", "t1/i1/secret", "", true},
		{"not sealed", s, "hunter2", "t1/i1/secret", "", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.sealer.Open(tc.sealed, tc.context)
			if (err != nil) != tc.wantErr || got != tc.want {
				t.Errorf("Open = %q, %v; want %q, error %v", got, err, tc.want, tc.wantErr)
			}
		})
	}
}

func TestSealerWithoutKey(t *testing.T) {
	s, err := plugins.NewSealer(nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Seal("x", "c"); !errors.Is(err, plugins.ErrNoKey) {
		t.Errorf("Seal without key: err = %v, want ErrNoKey", err)
	}
	if _, err := plugins.NewSealer([]byte("short")); err == nil {
		t.Error("NewSealer accepted a 5-byte key")
	}
}

func FuzzSealerOpen(f *testing.F) {
	s, _ := plugins.NewSealer(key)
	sealed, _ := s.Seal("v", "c")
	f.Add(sealed)
	f.Add("v1:")
	f.Add("v1:AAAA")
	f.Fuzz(func(t *testing.T, in string) {
		if got, err := s.Open(in, "c"); err == nil && in != sealed && got != "v" {
			t.Errorf("Open(%q) = %q without error", in, got)
		}
	})
}
