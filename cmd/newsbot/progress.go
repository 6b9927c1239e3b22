package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

// progress draws a bar on a terminal for runs long enough to need one; on
// anything else (a pipe, a log file) it stays silent.
type progress struct {
	w       io.Writer
	on      bool
	start   time.Time
	last    time.Time
	printed bool
}

func newProgress(w io.Writer) *progress {
	p := &progress{w: w, start: time.Now()}
	if f, ok := w.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			p.on = true
		}
	}
	return p
}

func (p *progress) update(done, total int) {
	if !p.on || total == 0 || time.Since(p.start) < time.Second || time.Since(p.last) < 100*time.Millisecond {
		return
	}
	p.last = time.Now()
	const width = 30
	n := done * width / total
	fmt.Fprintf(p.w, "\rindexing [%s%s] %d/%d", strings.Repeat("#", n), strings.Repeat(".", width-n), done, total)
	p.printed = true
}

func (p *progress) done() {
	if p.printed {
		fmt.Fprintln(p.w)
	}
}
