#define _GNU_SOURCE
#include "CProcessSpawn.h"

#ifdef __linux__

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

/// The child's side, between vfork and execve: only async-signal-safe calls, no allocation, never returns.
/// Writes the errno of a failed step into `*error` (the parent's memory, shared until exec or exit).
static void start_child(
    const char *path, char *const argv[], char *const envp[], const char *directory, const int standard_fds[3],
    int death_signal, pid_t parent, volatile int *error) {
    // Handlers inherited from lambdaspec must not run in the child, and ignored signals (SIGPIPE, and glibc's
    // internal 32 and 33 when a parent ignores them) must not stay ignored: Lambda starts the runtime with every
    // disposition at its default. The raw system call, because glibc's sigaction refuses signals 32 and 33.
    // Its struct is the kernel's (handler, flags, restorer, mask) on x86_64 and arm64 alike.
    struct {
        void (*handler)(int);
        unsigned long flags;
        void (*restorer)(void);
        unsigned long mask;
    } default_action = {SIG_DFL, 0, NULL, 0};
    for (int signal_number = 1; signal_number < NSIG; signal_number++) {
        if (signal_number != SIGKILL && signal_number != SIGSTOP) {
            syscall(SYS_rt_sigaction, signal_number, &default_action, NULL, sizeof default_action.mask);
        }
    }
    if (setsid() < 0) goto failed;
    if (death_signal != 0) {
        if (prctl(PR_SET_PDEATHSIG, death_signal) < 0) goto failed;
        // lambdaspec may have died before the line above; then nobody would ever send the signal.
        if (getppid() != parent) _exit(127);
    }
    int null = -1;
    for (int target = 0; target < 3; target++) {
        int source = standard_fds[target];
        if (source < 0) {
            if (null < 0 && (null = open("/dev/null", O_RDWR)) < 0) goto failed;
            source = null;
        }
        if (source == target) {
            if (fcntl(target, F_SETFD, 0) < 0) goto failed;
        } else if (dup2(source, target) < 0) {
            goto failed;
        }
    }
    if (directory != NULL && chdir(directory) < 0) goto failed;
    if (syscall(SYS_close_range, 3U, ~0U, 0U) < 0) {
        struct rlimit limit;
        rlim_t highest = getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY ? limit.rlim_cur : 65536;
        for (rlim_t descriptor = 3; descriptor < highest; descriptor++) close((int)descriptor);
    }
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    execve(path, argv, envp);
failed:
    *error = errno;
    _exit(127);
}

int lambdaspec_spawn(
    const char *path, char *const argv[], char *const envp[], const char *directory, int stdin_fd, int stdout_fd,
    int stderr_fd, int death_signal, pid_t *pid) {
    const int standard_fds[3] = {stdin_fd, stdout_fd, stderr_fd};
    // Every signal blocked across vfork: a handler of lambdaspec's must not run on the borrowed stack in the child.
    sigset_t all, previous;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &previous);
    volatile int error = 0;
    pid_t parent = getpid();
    pid_t child = vfork();
    if (child == 0) {
        start_child(path, argv, envp, directory, standard_fds, death_signal, parent, &error);
    }
    int vfork_error = errno;
    pthread_sigmask(SIG_SETMASK, &previous, NULL);
    if (child < 0) return vfork_error;
    if (error != 0) {
        while (waitpid(child, NULL, 0) < 0 && errno == EINTR) {
        }
        return error;
    }
    *pid = child;
    return 0;
}

#else
#include <errno.h>

// lambdaspec's sandbox is Linux-only (namespaces, cgroups, prctl); elsewhere starting a bootstrap fails plainly.
int lambdaspec_spawn(
    const char *path, char *const argv[], char *const envp[], const char *directory, int stdin_fd, int stdout_fd,
    int stderr_fd, int death_signal, pid_t *pid) {
    return ENOSYS;
}
#endif
