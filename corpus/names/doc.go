// Package names knows the names of the Syrian war: who and what an article
// may call by several spellings (HTS and Hayat Tahrir al-Sham; the
// Observatory, SOHR and OSDH; Khan Sheikhun and Khan Cheikhoun) and which of
// them are places. The alias table is data (aliases.tsv) and grows without
// code; places come from it and from a GeoNames extract
// (sy_cities15000_geonames.tsv, CC BY, see GAZETTEER_NOTICE.md).
//
// Key folds spellings so that variants meet; Find and FindPlaces report
// mentions in running text as byte offsets into that text, so a caller can
// cut the mention verbatim.
package names
