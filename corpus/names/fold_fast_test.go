package names

import (
	"os"
	"slices"
	"strings"
	"testing"
)

// TestASCIIWordKey checks the ASCII fast path of wordKey against the
// general one on tricky words and on every word of the alias data.
func TestASCIIWordKey(t *testing.T) {
	words := []string{
		"", "a", "A", "Assad's", "assad'S", "ASSAD'S", "'s", "s", "'", "''s", "Rif'at", "Rif`at", "al\"Bab",
		"Khan", "Cheikhoun", "Sheikhun", "oou", "ouou", "cch", "chch", "ooouu", "Mississippi", "CHOU", "cou",
		"och", "ssh", "chh", "Tall", "Rifaat", "x1", "2011", "11", "a\x7f", "abc\x01", "ouch", "Ouch's", "ou's",
	}
	words = append(words, strings.FieldsFunc(aliasesTSV+gazetteerTSV, func(r rune) bool { return r == '\t' || r == '\n' || r == '|' || r == ',' || r == ' ' || r == '-' })...)
	if b, err := os.ReadFile("../../../shared/corpora/fakes-syria/fakes.jsonl"); err == nil {
		words = append(words, strings.Fields(string(b))...)
	}
	n := 0
	for _, w := range words {
		got, ok := asciiWordKey(w)
		if !ok {
			continue
		}
		n++
		if want := foldWordKey(w); got != want {
			t.Fatalf("asciiWordKey(%q) = %q, want %q", w, got, want)
		}
	}
	if n < 1000 {
		t.Fatalf("only %d words checked", n)
	}
}

func FuzzASCIIWordKey(f *testing.F) {
	for _, w := range []string{"Assad's", "oou", "chch", "Rif`at"} {
		f.Add(w)
	}
	f.Fuzz(func(t *testing.T, w string) {
		if got, ok := asciiWordKey(w); ok && got != foldWordKey(w) {
			t.Fatalf("asciiWordKey(%q) = %q, want %q", w, got, foldWordKey(w))
		}
	})
}

// TestTokenizeBufAgrees: tokens made in a reused buffer are the ones made
// without it.
func TestTokenizeBufAgrees(t *testing.T) {
	texts := []string{"", "Assad's forces took Khan Sheikhoun", "al-Bab and Deir ez-Zor, as-Suwayda", "HTS, the SOHR and OCHA",
		"Ḥalab Rif‘at Tall Rifaat", "Maarat al-Numan  Idlib's countryside", "at Tal Abyad an Numan", "ÉCOLE Müller ß",
		strings.Repeat("Aleppo Homs ", 40), "O'Brien said the U.N. agency"}
	var buf tokenBuf
	for _, inText := range []bool{true, false} {
		for _, s := range texts {
			want := tokenize(nil, s, inText)
			got := tokenize(&buf, s, inText)
			if !slices.Equal(got, want) {
				t.Fatalf("%q: %v, want %v", s, got, want)
			}
		}
	}
}
