package outbox

import "time"

// backoff returns the wait after the attempt-th failed attempt (counting
// from 1): BaseDelay doubled for each earlier failure, capped at MaxDelay,
// then jittered to between half and all of it ("equal jitter"), so that
// messages that failed together do not all come back at the same instant
// while none comes back much sooner than planned.
func (s *Service) backoff(attempt int) time.Duration {
	d := s.cfg.BaseDelay
	for i := 1; i < attempt && d < s.cfg.MaxDelay; i++ {
		d *= 2
	}
	d = min(d, s.cfg.MaxDelay)

	half := d / 2
	jitter := time.Duration(s.cfg.Random() * float64(d-half))

	return half + jitter
}
