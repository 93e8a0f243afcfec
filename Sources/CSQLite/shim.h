#include <sqlite3.h>

// SQLITE_TRANSIENT is a cast macro that Swift cannot import.
static inline sqlite3_destructor_type csqlite_transient(void) { return SQLITE_TRANSIENT; }

#include <errno.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

// open(2) is variadic, which Swift cannot call. Creates `path` empty with mode 0600 whatever the
// umask (fchmod ignores it), unless it already exists; SQLite then gives the -wal, -shm and
// journal files the database file's mode. Returns 0, or the errno of the failing call.
static inline int csqlite_create_private_file(const char *path) {
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) return errno == EEXIST ? 0 : errno;
    int code = fchmod(fd, 0600) == 0 ? 0 : errno;
    close(fd);
    return code;
}

// The identity (device, inode) and size of `path`. Returns 0, or the errno of stat(2).
static inline int csqlite_file_identity(const char *path, unsigned long long *device, unsigned long long *inode,
                                        long long *size) {
    struct stat info;
    if (stat(path, &info) != 0) return errno;
    *device = (unsigned long long)info.st_dev;
    *inode = (unsigned long long)info.st_ino;
    *size = (long long)info.st_size;
    return 0;
}
