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

// captionRE finds a photo caption: a sentence ending in a picture agency's
// credit, or naming the photo it describes.
var captionRE = regexp.MustCompile(`\((AP|AFP|Reuters|EPA|Getty Images|TRT World and Agencies)\)\s*$|\b(file photo|photo provided by|handout picture|handout photo|pictured)\b|pic\.twitter\.com`)

// furniture returns where a link to another story starts in quote, or -1.
func furniture(quote string) int {
	if !strings.Contains(quote, "Read") && !strings.Contains(quote, "Related") && !strings.Contains(quote, "Also") {
		return -1
	}
	if m := furnitureRE.FindStringIndex(quote); m != nil {
		return m[0]
	}
	return -1
}

func caption(quote string) bool {
	return strings.ContainsAny(quote, "(p") && captionRE.MatchString(quote)
}
