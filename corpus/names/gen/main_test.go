package main

import (
	"strings"
	"testing"
)

func TestChoose(t *testing.T) {
	// keyed by names.Key, as readWords does: doubled letters are single
	words := map[string]bool{"nice": true, "bath": true, "valey": true, "the": true, "reading": true}
	proper := map[string]bool{"kiev": true, "lewis": true, "bombay": true}
	stop := map[string]bool{"florence": true}
	places := []place{
		{typ: tCountry, cc: "JO", name: "Jordan"},
		{typ: tCapital, cc: "UA", pop: 2800000, name: "Kyiv", aliases: []string{"Kyiv", "Kiev", "Kijev", "Kyjiv"}, alt: 3},
		{typ: tBigCity, cc: "IN", pop: 12000000, name: "Mumbai", aliases: []string{"Mumbai", "Bombay", "Pari"}, alt: 2},
		{typ: tCity, cc: "FR", pop: 340000, name: "Nice"},
		{typ: tCity, cc: "IT", pop: 360000, name: "Florence", aliases: []string{"Firenze"}},
		{typ: tCity, cc: "IQ", pop: 190000, name: "Al Fallujah", aliases: []string{"Al Fallujah", "Al Falluja", "Queen City", "Faluja Town"}, alt: 3},
		{typ: tCity, cc: "GD", pop: 100000, name: "Saint George's", aliases: []string{"Lewis"}, alt: 1},
		{typ: tCity, cc: "US", pop: 150000, name: "Jordan Town"},
		{typ: tCity, cc: "US", pop: 90000, name: "Jordan"},
		{typ: tCity, cc: "AI", pop: 1000, name: "The Valley"},
		{typ: tRegion, cc: "GB", name: "Reading Region", aliases: []string{"Reading"}},
	}
	kept, _ := choose(places, words, proper, stop)
	var got []string
	for _, p := range kept {
		got = append(got, p.name+"="+strings.Join(p.aliases, ","))
	}
	want := []string{"Jordan=", "Kyiv=Kiev,Kyjiv", "Mumbai=Bombay", "Al Fallujah=Al Falluja", "Saint George's=", "Jordan Town=", "Reading Region="}
	if strings.Join(got, " | ") != strings.Join(want, " | ") {
		t.Errorf("choose:\n got %q\nwant %q", got, want)
	}
}

func TestDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		d    int
	}{{"faluja", "falujah", 1}, {"kharkov", "kharkiv", 1}, {"kiev", "kyiv", 2}, {"", "abc", 3}, {"barna", "varna", 1}} {
		if got := distance(tt.a, tt.b); got != tt.d {
			t.Errorf("distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.d)
		}
	}
}

func TestUsable(t *testing.T) {
	for s, want := range map[string]bool{"Kyiv": true, "São Paulo": true, "hlb": false, "Київ": false, "Area 51": false, "Gaza (city)": false, "": false} {
		if got := usable(s); got != want {
			t.Errorf("usable(%q) = %v, want %v", s, got, want)
		}
	}
}
