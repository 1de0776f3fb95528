package writer

import (
	"errors"
	"fmt"
	"path/filepath"
)

// step is one completed change, kept so it can be undone.
type step struct {
	target string
	backup string // where the previous file was moved; "" if there was none
	placed bool   // a new file now stands at target
}

// Commit applies a plan. All new contents are first written to temporary
// files beside their targets; only then are targets replaced, each old file
// moved aside first. Any failure undoes the completed steps in reverse, so
// the directory is left as it was. Once every target is in place, the old
// files are removed; one that will not go is named in the error.
func Commit(p *Plan, fsys FS) (err error) {
	if p.Empty() {
		return nil
	}
	if p.createDir {
		if err := fsys.MkdirAll(p.Dir, 0o755); err != nil {
			return err
		}
		defer func() {
			if err != nil {
				fsys.Remove(p.Dir) // only succeeds if we left it empty
			}
		}()
	}
	for _, sub := range p.subdirs {
		dir := filepath.Join(p.Dir, sub)
		if _, err := fsys.Lstat(dir); err == nil {
			continue
		}
		if err := fsys.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		defer func() {
			if err != nil {
				fsys.Remove(dir) // only succeeds if we left it empty
			}
		}()
	}
	temps, err := stage(p, fsys)
	if err != nil {
		return err
	}
	done, err := apply(p, temps, fsys)
	if err != nil {
		return err
	}
	defer removeEmptied(p, fsys)
	var backups []string
	for _, s := range done {
		backups = append(backups, s.backup)
	}
	if err := removeAll(backups, fsys); err != nil {
		return fmt.Errorf("written, but %w", err) // too late to undo: say what is left
	}
	return nil
}

// removeEmptied removes the sub-directories stale files were removed from
// once they are empty (a sub-package turned off); a directory still
// holding anything stays.
func removeEmptied(p *Plan, fsys FS) {
	for _, name := range p.Remove {
		if sub := filepath.Dir(filepath.FromSlash(name)); sub != "." {
			fsys.Remove(filepath.Join(p.Dir, sub))
		}
	}
}

// apply replaces every target and moves every stale file aside; on a
// failure it undoes what it did and removes the temporary files.
func apply(p *Plan, temps []string, fsys FS) (done []step, err error) {
	defer func() {
		if err != nil {
			err = errors.Join(err, rollback(done, fsys), removeAll(temps, fsys))
		}
	}()
	for i, f := range p.Write {
		s, err := replace(filepath.Join(p.Dir, filepath.FromSlash(f.Path)), temps[i], fsys)
		if s.backup != "" || s.placed {
			done = append(done, s)
		}
		if err != nil {
			return done, err
		}
		temps[i] = ""
	}
	for _, name := range p.Remove {
		s, err := moveAside(filepath.Join(p.Dir, filepath.FromSlash(name)), fsys)
		if err != nil {
			return done, err
		}
		done = append(done, s)
	}
	return done, nil
}

// removeAll removes the named files ("" is skipped), trying every one, and
// names those it could not remove.
func removeAll(names []string, fsys FS) error {
	var errs []error
	for _, name := range names {
		if name == "" {
			continue
		}
		if err := fsys.Remove(name); err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("could not remove temporary files: %w", errors.Join(errs...))
	}
	return nil
}

// stage writes every new content to a temporary file in the directory.
func stage(p *Plan, fsys FS) ([]string, error) {
	temps := make([]string, len(p.Write))
	for i, f := range p.Write {
		name, err := fsys.WriteTemp(p.Dir, ".atlasgen-new-*", f.Data)
		if err != nil {
			return nil, errors.Join(fmt.Errorf("writing %s: %w", f.Path, err), removeAll(temps[:i], fsys))
		}
		temps[i] = name
	}
	return temps, nil
}

// replace moves the current target aside (if any) and renames temp onto it.
func replace(target, temp string, fsys FS) (step, error) {
	s := step{target: target}
	if _, err := fsys.Lstat(target); err == nil {
		aside, err := moveAside(target, fsys)
		if err != nil {
			return s, err
		}
		s.backup = aside.backup
	}
	if err := fsys.Rename(temp, target); err != nil {
		return s, fmt.Errorf("replacing %s: %w", target, err)
	}
	s.placed = true
	return s, nil
}

// moveAside renames a file to a backup name beside it.
func moveAside(target string, fsys FS) (step, error) {
	backup := filepath.Join(filepath.Dir(target), ".atlasgen-old-"+filepath.Base(target))
	if err := fsys.Rename(target, backup); err != nil {
		return step{}, fmt.Errorf("moving %s aside: %w", target, err)
	}
	return step{target: target, backup: backup}, nil
}

// rollback undoes completed steps in reverse order.
func rollback(done []step, fsys FS) error {
	var errs []error
	for i := len(done) - 1; i >= 0; i-- {
		s := done[i]
		if s.placed {
			if err := fsys.Remove(s.target); err != nil {
				errs = append(errs, err)
				continue
			}
		}
		if s.backup != "" {
			if err := fsys.Rename(s.backup, s.target); err != nil {
				errs = append(errs, fmt.Errorf("restoring %s: %w", s.target, err))
			}
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("rollback incomplete: %w", errors.Join(errs...))
	}
	return nil
}
