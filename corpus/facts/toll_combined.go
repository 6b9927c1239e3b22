package facts

import (
	"regexp"
	"slices"
	"strings"

	"github.com/newsroom/newsbot/corpus"
)

// tollJointRE is what follows a toll's cue when the figure counts the dead
// and the wounded together: "49 fighters were killed and wounded", "19
// Killed and Injured", "scores of dead and wounded", "700 missing or
// displaced", "two million left homeless or without food".
// The cue ends the evidence and the second category follows it at once,
// with no figure of its own ("killed six people and injured 32" is two).
var tollJointRE = regexp.MustCompile(`(?i)^\s*(?:and|or|&|/)\s*(?:injured|wounded|hurt|dead|killed|missing|displaced|detained|arrested|homeless)\b(?:\s+(?:in|by|on|at|during|after|when|as|from|members|people|civilians|fighters|soldiers)\b|\s*[.,;:)]|\s*$)|(?i)^\s*or\s+without\s+(?:food|water|shelter|homes?|power|electricity|help|aid)\b`)

// tollCueEndRE is a cue ending the evidence: the figure's own word.
var tollCueEndRE = regexp.MustCompile(`(?i)\b(?:killed|dead|injured|wounded|missing|displaced|detained|arrested|homeless)$`)

// tollCueEndMay is false when tollCueEndRE cannot match w: its words end
// with 'd', 'g' or 's' in either case, or with a long s (a rune outside
// ASCII that folds to 's'), so most evidence is passed over at once.
func tollCueEndMay(w string) bool {
	if w == "" {
		return false
	}
	switch b := w[len(w)-1]; b {
	case 'd', 'D', 'g', 'G', 's', 'S':
		return true
	default:
		return b >= 0x80
	}
}

// tollJointMay is false when tollJointRE cannot match w: after white
// space, its matches start with "and", "or", '&' or '/' (no rune outside
// ASCII folds to 'a' or 'o').
func tollJointMay(w string) bool {
	i := 0
	for i < len(w) && isSpaceRE(w[i]) {
		i++
	}
	return i < len(w) && strings.IndexByte("aAoO&/", w[i]) >= 0
}

// dropJoint leaves out the tolls whose figure counts two categories at
// once: such a figure is neither the killed nor the injured, and stating
// it as either would be a wrong figure.
func dropJoint(a *corpus.Article, ts []Toll) []Toll {
	out := ts[:0]
	for _, t := range ts {
		e := t.Evidence.End
		if (t.Category == Killed || t.Category == Injured || t.Category == Missing || t.Category == Displaced || t.Category == Detained) && e >= 0 && e <= len(a.Text) && tollJointMay(a.Text[e:min(len(a.Text), e+40)]) && tollCueEndMay(a.Text[max(0, e-10):e]) && tollCueEndRE.MatchString(a.Text[max(0, e-10):e]) && tollJointRE.MatchString(a.Text[e:min(len(a.Text), e+40)]) {
			continue
		}
		out = append(out, t)
	}
	return out
}

// tollWarWordRE is a word that ties a figure to a war.
var tollWarWordRE = regexp.MustCompile(`(?i)\b(?:wars?|conflicts?|civil|uprising|revolution|insurgency|fighting|genocide|holocaust|since\s+(?:19|20)\d\d|since\s+the\s+(?:start|beginning))\b`)

// rescope gives a figure read as a whole war's or a campaign's only for
// its size ("Some 150,000 people across the region are feared dead",
// "Thailand, where more than 5,000 people were killed") the scope of the
// disaster its article is about (one event), when its sentence names no
// war nor campaign: an archive of general news counts tsunamis too.
func rescope(a *corpus.Article, ts []Toll) []Toll {
	if !slices.ContainsFunc(ts, func(t Toll) bool { return t.Scope == War || t.Scope == Offensive }) {
		return ts // nothing to relabel: the article's head is not read
	}
	head := strings.ToLower(a.Title + " " + a.Text[:min(len(a.Text), 600)])
	g := makeBigrams(head)
	disaster := tollDisasterLits.anyIn(head, &g) && tollDisasterRE.MatchString(head) || tollCalamityLits.anyIn(head, &g) && tollCalamityRE.MatchString(head)
	for i := range ts {
		s := ts[i].Evidence.Sentence
		switch {
		case !disaster:
		case ts[i].Scope == War && !tollWarWordRE.MatchString(s),
			ts[i].Scope == Offensive && !tollWarWordRE.MatchString(s) && !tollCampaignWordRE.MatchString(s):
			ts[i].Scope = Incident
		}
	}
	return ts
}

// tollCalamityRE names a disaster in general words: the article is about
// one when its title or opening holds them.
var tollCalamityRE = regexp.MustCompile(`\b(?:disasters?|catastrophes?|calamit(?:y|ies))\b`)

// tollCalamityLits: one of them is in every match of tollCalamityRE.
var tollCalamityLits = makeLitSet([]string{"disaster", "catastrophe", "calamit"})

// tollCampaignWordRE ties a figure to a military campaign: an offensive's
// toll, not a disaster's, however great.
var tollCampaignWordRE = regexp.MustCompile(`(?i)(?:offensives?|campaigns?|assaults?|bombardments?|sieges?|operations?|strikes?|raids?|shelling|battles?|clashes|crackdowns?|attacks?|bomb(?:s|ing|ings)?|troops|forces|army|rebels?|militants?)`)
