#ifndef LAMBDASPEC_CPROCESSSPAWN_H
#define LAMBDASPEC_CPROCESSSPAWN_H

#include <sys/types.h>

/// Starts `path` as posix_spawn would with lambdaspec's attributes (a new session, an empty signal mask, every
/// signal at its default disposition, stdin, stdout and stderr onto the given descriptors (-1: /dev/null), the
/// working directory `directory`, no descriptor above 2), and also sets the child's parent-death signal to
/// `death_signal` (0: none) before it execs, which posix_spawn cannot do.
///
/// The parent-death signal fires when the calling *thread* ends, so call this from a thread that lives as long as
/// the process. Returns 0 and the pid in `pid`, or the errno of the step that failed (in the child: of execve).
int lambdaspec_spawn(
    const char *path, char *const argv[], char *const envp[], const char *directory, int stdin_fd, int stdout_fd,
    int stderr_fd, int death_signal, pid_t *pid);

#endif
