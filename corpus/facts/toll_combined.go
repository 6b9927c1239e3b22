package facts

import (
	"regexp"
	"strings"

	"github.com/newsroom/newsbot/corpus"
)

// tollJointRE is what follows a toll's cue when the figure counts the dead
// and the wounded together: "49 fighters were killed and wounded", "19
// Killed and Injured", "scores of dead and wounded".
// The cue ends the evidence and the second category follows it at once,
// with no figure of its own ("killed six people and injured 32" is two).
var tollJointRE = regexp.MustCompile(`(?i)^\s*(?:and|or|&|/)\s*(?:injured|wounded|hurt|dead|killed)\b(?:\s+(?:in|by|on|at|during|after|when|as|from|members|people|civilians|fighters|soldiers)\b|\s*[.,;:)]|\s*$)`)

// tollCueEndRE is a cue ending the evidence: the figure's own word.
var tollCueEndRE = regexp.MustCompile(`(?i)\b(?:killed|dead|injured|wounded)$`)

// dropJoint leaves out the tolls whose figure counts two categories at
// once: such a figure is neither the killed nor the injured, and stating
// it as either would be a wrong figure.
func dropJoint(a *corpus.Article, ts []Toll) []Toll {
	out := ts[:0]
	for _, t := range ts {
		e := t.Evidence.End
		if (t.Category == Killed || t.Category == Injured) && e >= 0 && e <= len(a.Text) && tollCueEndRE.MatchString(a.Text[max(0, e-10):e]) && tollJointRE.MatchString(a.Text[e:min(len(a.Text), e+40)]) {
			continue
		}
		out = append(out, t)
	}
	return out
}

// tollWarWordRE is a word that ties a figure to a war.
var tollWarWordRE = regexp.MustCompile(`(?i)\b(?:wars?|conflicts?|civil|uprising|revolution|insurgency|fighting|genocide|holocaust|since\s+(?:19|20)\d\d|since\s+the\s+(?:start|beginning))\b`)

// rescope gives a figure read as a whole war's ("Some 150,000 people
// across the region are feared dead": no campaign costs so many) the
// scope of the disaster its article is about, when its sentence names no
// war: an archive of general news counts tsunamis and earthquakes too.
func rescope(a *corpus.Article, ts []Toll) []Toll {
	head := a.Title + " " + a.Text[:min(len(a.Text), 600)]
	disaster := tollDisasterRE.MatchString(strings.ToLower(head))
	for i := range ts {
		if disaster && ts[i].Scope == War && !tollWarWordRE.MatchString(ts[i].Evidence.Sentence) {
			ts[i].Scope = Incident
		}
	}
	return ts
}
