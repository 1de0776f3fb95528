package writer

import (
	"errors"
	"fmt"
	"os"
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
// the directory is left as it was.
func Commit(p *Plan, fsys FS) (err error) {
	if p.Empty() {
		return nil
	}
	if p.createDir {
		if err := os.MkdirAll(p.Dir, 0o755); err != nil {
			return err
		}
		defer func() {
			if err != nil {
				os.Remove(p.Dir) // only succeeds if we left it empty
			}
		}()
	}
	temps, err := stage(p, fsys)
	if err != nil {
		return err
	}
	var done []step
	defer func() {
		if err != nil {
			err = errors.Join(err, rollback(done, fsys))
			for _, t := range temps {
				fsys.Remove(t)
			}
		}
	}()
	for i, f := range p.Write {
		s, err := replace(filepath.Join(p.Dir, f.Path), temps[i], fsys)
		if s.backup != "" || s.placed {
			done = append(done, s)
		}
		if err != nil {
			return err
		}
		temps[i] = ""
	}
	for _, name := range p.Remove {
		s, err := moveAside(filepath.Join(p.Dir, name), fsys)
		if err != nil {
			return err
		}
		done = append(done, s)
	}
	for _, s := range done {
		if s.backup != "" {
			fsys.Remove(s.backup)
		}
	}
	return nil
}

// stage writes every new content to a temporary file in the directory.
func stage(p *Plan, fsys FS) ([]string, error) {
	temps := make([]string, len(p.Write))
	for i, f := range p.Write {
		name, err := fsys.WriteTemp(p.Dir, ".atlasgen-new-*", f.Data)
		if err != nil {
			for _, t := range temps[:i] {
				fsys.Remove(t)
			}
			return nil, fmt.Errorf("writing %s: %w", f.Path, err)
		}
		temps[i] = name
	}
	return temps, nil
}

// replace moves the current target aside (if any) and renames temp onto it.
func replace(target, temp string, fsys FS) (step, error) {
	s := step{target: target}
	if _, err := os.Lstat(target); err == nil {
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
