// Package names knows the names of the Syrian war: who and what an article
// may call by several spellings (HTS and Hayat Tahrir al-Sham; the
// Observatory, SOHR and OSDH; Khan Sheikhun and Khan Cheikhoun) and which of
// them are places. The alias table is data (aliases.tsv) and grows without
// code; places come from it and from a GeoNames extract
// (sy_cities15000_geonames.tsv, CC BY, see GAZETTEER_NOTICE.md).
//
// The world beyond Syria comes from a generated table (world_geonames.tsv,
// GeoNames data, CC BY; made by the command in gen/ from npm packages):
// countries, capitals, first-level divisions and cities above a population
// threshold, without names that are English words or people's names. Its
// spellings are known to Lookup, Canonical and IsPlace; in running text
// only FindWorld reads them, with stricter rules than for the hand-kept
// names (case as written, no capitalised word next to it), and a hand-kept
// or Syrian name wins every clash.
//
// Key folds spellings so that variants meet; Find and FindPlaces report
// mentions in running text as byte offsets into that text, so a caller can
// cut the mention verbatim.
package names
