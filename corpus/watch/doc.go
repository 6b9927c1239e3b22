// Package watch follows a corpus folder as it changes: it watches the folder
// and every folder under it with fsnotify, waits until a file is whole (at
// once when it is renamed into place, after its size and mtime have held
// when it is written in place), leaves out editor and download temporaries,
// and hands the changes over in batches, so that a burst of files costs a
// few index writes rather than one each. It only says which paths changed;
// reading them, and telling a changed file from a removed one, is the
// receiver's business (see corpus.Manifest.Plan).
package watch
