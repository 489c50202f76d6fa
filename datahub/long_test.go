package datahub_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/formworkhq/formwork/datahub"
)

// writeLargeBook writes an .xlsx of n account rows with excelize's
// StreamWriter and returns its path.
func writeLargeBook(t *testing.T, n int) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	if err := sw.SetRow("A1", []any{"客户编号", "客户名称", "信用额度"}); err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= n; i++ {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		row := []any{fmt.Sprintf("C-%07d", i), fmt.Sprintf("客户 %d", i), float64(i%9000) + 0.5}
		if err := sw.SetRow(cell, row); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "large.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// heapPeak samples the live heap until stop is closed.
func heapPeak(stop <-chan struct{}) func() uint64 {
	var mu sync.Mutex
	var peak uint64
	done := make(chan struct{})
	go func() {
		defer close(done)
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			mu.Lock()
			peak = max(peak, ms.HeapInuse)
			mu.Unlock()
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	}()
	return func() uint64 {
		<-done
		mu.Lock()
		defer mu.Unlock()
		return peak
	}
}

// TestLargeExcelImport imports generated workbooks of n and 10·n rows and
// logs the time and the peak heap of each: the peak must not grow with the
// file. Set FORMWORK_TEST_LONG=1 to run it, with n = 1,000 (a minute or two
// on the embedded store); FORMWORK_DATAHUB_LARGE=1 makes n 10,000, the
// measurement of docs/benchmarks.md (about half an hour here).
func TestLargeExcelImport(t *testing.T) {
	if os.Getenv("FORMWORK_TEST_LONG") != "1" {
		t.Skip("long test: set FORMWORK_TEST_LONG=1")
	}
	if os.Getenv("FORMWORK_TEST_MONGO_URI") != "" && os.Getenv("FORMWORK_DATAHUB_LARGE") != "1" {
		t.Skip("the large import runs in the embedded pass")
	}
	small := 1_000
	if os.Getenv("FORMWORK_DATAHUB_LARGE") == "1" {
		small = 10_000
	}
	peaks := map[int]uint64{}
	for _, n := range []int{small, 10 * small} {
		peaks[n] = importBook(t, n)
	}
	// The sampled peak includes the embedded store's own heap; it may move
	// a little, but a 10× larger file must not need a several times
	// larger heap.
	if peaks[10*small] > 3*peaks[small] {
		t.Errorf("peak heap grew with the file: %d MiB for %d rows, %d MiB for %d",
			peaks[small]>>20, small, peaks[10*small]>>20, 10*small)
	}
}

func importBook(t *testing.T, n int) uint64 {
	h := newHub(t, datahub.Config{MaxBytes: 256 << 20})
	path := writeLargeBook(t, n)
	file, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	info, _ := file.Stat()

	runtime.GC()
	stop := make(chan struct{})
	peak := heapPeak(stop)
	began := time.Now()
	j, err := h.svc.Upload(h.ctx, h.p, datahub.UploadInput{Form: "account",
		FileName: "large.xlsx", Size: info.Size(), Body: file})
	if err != nil {
		t.Fatal(err)
	}
	mapping := json.RawMessage(`{"客户编号":"customer_id","客户名称":"name","信用额度":"credit"}`)
	got := h.finish(h.svc.Run(h.ctx, h.p, j.ID, datahub.RunInput{Mapping: mapping,
		KeyField: "customer_id"}))
	took := time.Since(began)
	close(stop)
	p := peak()

	if got.Status != datahub.StatusImported || got.Progress.Created != n {
		t.Fatalf("%d rows: %s %+v %+v", n, got.Status, got.Progress, got.Error)
	}
	t.Logf("%d rows (%d KiB xlsx): checked and imported in %s (%.0f rows/s), "+
		"peak heap %d MiB", n, info.Size()>>10, took.Round(time.Second),
		float64(2*n)/took.Seconds(), p>>20)
	return p
}
