/* Power-loss simulation for tools/crash_test.py: an LD_PRELOAD shim that keeps, for each file
 * it watches, a copy of what the file held at its last fsync()/fdatasync() -- what a disk that
 * drops every write not yet synced would still have after the power goes.
 *
 *   cc -shared -fPIC -O2 -o powerloss.so tools/powerloss_shim.c -ldl -lpthread
 *   TIC_POWERLOSS_DIR=/some/dir TIC_POWERLOSS_MATCH=expert.sqlite3 LD_PRELOAD=./powerloss.so prog
 *
 * On every fsync/fdatasync of a file whose name starts with TIC_POWERLOSS_MATCH (SQLite's
 * "-shm" wal-index excepted: it is rebuilt from the WAL after a crash), the file's whole content
 * is copied to TIC_POWERLOSS_DIR/<name> (through a temporary file and rename, so a kill in the
 * middle leaves the previous synced state) before the real call returns. A write that was never
 * followed by a sync of its file is therefore absent from the copy. After SIGKILL the caller puts
 * the copies in place of the files (and removes files that were never synced) and opens the
 * database as it would be found after the power loss.
 *
 * The model is the usual pessimistic one (every unsynced write lost, each file on its own); it
 * does not tear sectors or reorder writes within a sync, and it treats directory entries as
 * durable: unlink() of a watched file removes its copy too (SQLite deletes a rollback journal to
 * commit). Without the environment variables the shim does nothing.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static int copy_fd_to(int fd, const char *tmp) {
    int out = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (out < 0) return -1;
    static char buf[1 << 16];
    off_t offset = 0;
    for (;;) {
        ssize_t got = pread(fd, buf, sizeof buf, offset);
        if (got < 0) {
            if (errno == EINTR) continue;
            close(out);
            return -1;
        }
        if (got == 0) break;
        for (ssize_t done = 0; done < got;) {
            ssize_t put = write(out, buf + done, (size_t)(got - done));
            if (put < 0) {
                if (errno == EINTR) continue;
                close(out);
                return -1;
            }
            done += put;
        }
        offset += got;
    }
    return close(out);
}

/* The watched file's name (a pointer into path), or NULL when the shim is off or it is not one. */
static const char *watched(const char *path, const char **dir) {
    const char *match = getenv("TIC_POWERLOSS_MATCH");
    *dir = getenv("TIC_POWERLOSS_DIR");
    if (*dir == NULL || match == NULL || *match == '\0') return NULL;
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t len = strlen(base);
    if (strncmp(base, match, strlen(match)) != 0) return NULL;
    if (len >= 4 && strcmp(base + len - 4, "-shm") == 0) return NULL;
    if (strlen(*dir) + len + 64 >= PATH_MAX) return NULL;
    return base;
}

static void snapshot(int fd) {
    char link[64], path[PATH_MAX];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, path, sizeof path - 1);
    if (n <= 0) return;
    path[n] = '\0';
    const char *dir;
    const char *base = watched(path, &dir);
    if (base == NULL) return;
    char tmp[PATH_MAX + 80], target[PATH_MAX + 80];
    snprintf(target, sizeof target, "%s/%s", dir, base);
    snprintf(tmp, sizeof tmp, "%s/.%s.%ld.tmp", dir, base, (long)syscall(SYS_gettid));
    if (copy_fd_to(fd, tmp) == 0) {
        rename(tmp, target);
    } else {
        syscall(SYS_unlinkat, AT_FDCWD, tmp, 0);
        fprintf(stderr, "powerloss shim: cannot copy %s: %s\n", path, strerror(errno));
        abort(); /* a silent gap would make the simulation pass for the wrong reason */
    }
}

int fsync(int fd) {
    static int (*real)(int);
    if (real == NULL) real = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
    pthread_mutex_lock(&lock);
    int result = real(fd);
    if (result == 0) snapshot(fd);
    pthread_mutex_unlock(&lock);
    return result;
}

int fdatasync(int fd) {
    static int (*real)(int);
    if (real == NULL) real = (int (*)(int))dlsym(RTLD_NEXT, "fdatasync");
    pthread_mutex_lock(&lock);
    int result = real(fd);
    if (result == 0) snapshot(fd);
    pthread_mutex_unlock(&lock);
    return result;
}

static void forget(const char *path) {
    const char *dir;
    const char *base = watched(path, &dir);
    if (base == NULL) return;
    char target[PATH_MAX + 80];
    snprintf(target, sizeof target, "%s/%s", dir, base);
    syscall(SYS_unlinkat, AT_FDCWD, target, 0); /* not unlink(): that is this shim's own */
}

int unlink(const char *path) {
    static int (*real)(const char *);
    if (real == NULL) real = (int (*)(const char *))dlsym(RTLD_NEXT, "unlink");
    pthread_mutex_lock(&lock);
    int result = real(path);
    if (result == 0) forget(path);
    pthread_mutex_unlock(&lock);
    return result;
}

int unlinkat(int dirfd, const char *path, int flags) {
    static int (*real)(int, const char *, int);
    if (real == NULL) real = (int (*)(int, const char *, int))dlsym(RTLD_NEXT, "unlinkat");
    pthread_mutex_lock(&lock);
    int result = real(dirfd, path, flags);
    if (result == 0) forget(path);
    pthread_mutex_unlock(&lock);
    return result;
}
