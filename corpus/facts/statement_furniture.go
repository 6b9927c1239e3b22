package facts

import (
	"regexp"
	"strings"
)

// Scraped pages keep their furniture inside the body when the scraper
// joins everything into one paragraph: links to other stories ("Read also
// Stop draining the blood of Syrians UN official pleads", "Related News
// ..."), and photo captions ("In this file photo provided by ... (AP)").
// corpus marks such paragraphs as credits when they stand alone; glued
// into a paragraph they reach the sentence splitter, so the statement
// extractor refuses any words that run over them: a headline's "Assad
// says ..." is another article's news, and a caption is nobody's speech.

// furnitureRE finds a link to another story inside a sentence.
var furnitureRE = regexp.MustCompile(`\b(Read [Aa]lso|Also [Rr]ead|Read [Mm]ore|Related (News|Stories|Articles))\b`)

// captionWords name the photo a caption describes; captionCredits end one.
var (
	captionWords   = []string{"file photo", "photo provided by", "handout picture", "handout photo", "pictured", "pic.twitter.com"}
	captionCredits = []string{"(AP)", "(AFP)", "(Reuters)", "(EPA)", "(Getty Images)", "(TRT World and Agencies)"}
)

func furniture(quote string) int {
	if !strings.Contains(quote, "Read") && !strings.Contains(quote, "Related") && !strings.Contains(quote, "Also") {
		return -1
	}
	if m := furnitureRE.FindStringIndex(quote); m != nil {
		return m[0]
	}
	return -1
}

// caption reports a photo caption: words naming the photo, or a picture
// agency's credit at the end. Plain string tests: this runs on every
// statement.
func caption(quote string) bool {
	if !strings.Contains(quote, "(") && !strings.Contains(quote, "pho") && !strings.Contains(quote, "pic") {
		return false
	}
	q := strings.TrimRight(quote, " .")
	for _, c := range captionCredits {
		if strings.HasSuffix(q, c) {
			return true
		}
	}
	for _, w := range captionWords {
		if strings.Contains(quote, w) {
			return true
		}
	}
	return false
}
