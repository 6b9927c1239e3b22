package corpus

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// dateLayouts are the date forms met in feeds, scrapes and datasets, most
// specific first. Ambiguous numeric dates are read the US way (M/D/YYYY)
// because that is what the FA-KES export and most English feeds use.
var dateLayouts = []string{
	"2006-01-02",
	time.RFC3339Nano,
	time.RFC3339,
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	time.RFC850,
	time.RFC822Z,
	time.RFC822,
	time.ANSIC,
	"2006/01/02",
	"2006.01.02",
	"20060102",
	"1/2/2006",
	"1/2/2006 15:04",
	"1/2/2006 15:04:05",
	"2 January 2006",
	"2 Jan 2006",
	"02 Jan 2006",
	"January 2, 2006",
	"January 2 2006",
	"Jan 2, 2006",
	"Jan. 2, 2006",
	"Mon Jan 2 2006",
	"Mon, January 2, 2006",
	"Monday, January 2, 2006",
	"Monday 2 January 2006",
}

var errNoDate = errors.New("corpus: empty date")

// parseDate reads a publication date in any of dateLayouts. The time of day
// and zone are kept when given: DateString then shows the local publication
// day, which is what the article itself calls "Monday".
func parseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, errNoDate
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("corpus: unrecognised date %q", s)
}
