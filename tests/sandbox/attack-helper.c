/*
 * Attacks for the layer matrix (layer-matrix.test.ts), as a small C program: Node cannot
 * make raw system calls, and a test must see exactly which call failed with which errno.
 * Compiled at test time with gcc, run inside the same launch the grader builds.
 *
 * Every mode prints one line per fact, "key value...", and exits 0 when it got to the end;
 * a layer that kills it shows as a signal instead.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static void *sleeper(void *arg) {
  (void)arg;
  sleep(3);
  return NULL;
}

/* fork(), then the raw clone(SIGCHLD) a libc fork becomes: both new processes. */
static int do_fork(void) {
  errno = 0;
  pid_t p = fork();
  if (p == 0) _exit(0);
  printf("fork %d %d\n", p < 0 ? -1 : 1, p < 0 ? errno : 0);
  if (p > 0) waitpid(p, NULL, 0);
  errno = 0;
  long c = syscall(SYS_clone, SIGCHLD, 0, 0, 0, 0);
  if (c == 0) _exit(0);
  printf("clone %d %d\n", c < 0 ? -1 : 1, c < 0 ? errno : 0);
  if (c > 0) waitpid((pid_t)c, NULL, 0);
  return 0;
}

/* A storm of threads: how many could be made, and why the next one could not. */
static int do_threads(int n) {
  int made = 0, err = 0;
  for (int i = 0; i < n; i++) {
    pthread_t t;
    int rc = pthread_create(&t, NULL, sleeper, NULL);
    if (rc != 0) {
      err = rc;
      break;
    }
    pthread_detach(t);
    made++;
  }
  printf("threads %d %d\n", made, err);
  return 0;
}

/* A fork bomb, bounded: how many processes could be made, and why the next one could not. */
static int do_forks(int n) {
  int made = 0, err = 0;
  for (int i = 0; i < n; i++) {
    pid_t p = fork();
    if (p == 0) {
      close(1); /* so the parent's pipe closes when the helper ends; the layers clean up the rest */
      close(2);
      sleep(3);
      _exit(0);
    }
    if (p < 0) {
      err = errno;
      break;
    }
    made++;
  }
  printf("forks %d %d\n", made, err);
  return 0;
}

static int do_connect(int port) {
  errno = 0;
  int s = socket(AF_INET, SOCK_STREAM, 0);
  printf("socket %d %d\n", s < 0 ? -1 : 0, s < 0 ? errno : 0);
  if (s < 0) return 0;
  struct sockaddr_in a = {0};
  a.sin_family = AF_INET;
  a.sin_port = htons((unsigned short)port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  errno = 0;
  int rc = connect(s, (struct sockaddr *)&a, sizeof a);
  printf("connect %d %d\n", rc, rc < 0 ? errno : 0);
  return 0;
}

static int do_read(const char *file) {
  errno = 0;
  int fd = open(file, O_RDONLY);
  if (fd < 0) {
    printf("read -1 %d\n", errno);
    return 0;
  }
  char buf[256];
  ssize_t n = read(fd, buf, sizeof buf - 1);
  buf[n > 0 ? n : 0] = 0;
  printf("read %zd 0 %s\n", n, buf);
  return 0;
}

static int do_write(const char *file) {
  signal(SIGXFSZ, SIG_IGN); /* so prlimit's file-size limit shows as EFBIG, not a signal */
  errno = 0;
  int fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) {
    printf("write -1 %d\n", errno);
    return 0;
  }
  errno = 0;
  ssize_t n = write(fd, "pwned\n", 6);
  printf("write %zd %d\n", n, n < 0 ? errno : 0);
  return 0;
}

/* Touches `mb` megabytes, a megabyte at a time; a memory limit kills it on the way. */
static int do_alloc(int mb) {
  for (int i = 1; i <= mb; i++) {
    char *p = malloc(1 << 20);
    if (!p) {
      printf("alloc-failed %d %d\n", i, errno);
      return 0;
    }
    memset(p, 1, 1 << 20);
    if (i % 16 == 0) {
      printf("allocated %d\n", i);
      fflush(stdout);
    }
  }
  printf("allocated-all %d\n", mb);
  return 0;
}

/* Reserves address space without using memory: only an address-space limit refuses it. */
static int do_reserve(long gb) {
  errno = 0;
  void *p = mmap(NULL, (size_t)gb << 30, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  printf("reserve %d %d\n", p == MAP_FAILED ? -1 : 0, p == MAP_FAILED ? errno : 0);
  return 0;
}

/* Burns CPU for `seconds` of wall time. */
static int do_burn(int seconds) {
  struct timespec start, now;
  clock_gettime(CLOCK_MONOTONIC, &start);
  volatile unsigned long x = 0;
  do {
    for (int i = 0; i < 1000000; i++) x += i;
    clock_gettime(CLOCK_MONOTONIC, &now);
  } while (now.tv_sec - start.tv_sec < seconds);
  printf("burned %d\n", seconds);
  return 0;
}

/*
 * Raw system calls, each "nr:arg0[:c]": the result and errno of syscall(nr, arg0, 0...).
 * ":c" marks a call that may create a process: the child leaves at once.
 */
static int do_syscalls(int argc, char **argv) {
  for (int i = 0; i < argc; i++) {
    long nr = strtol(argv[i], NULL, 10);
    char *colon = strchr(argv[i], ':');
    long arg0 = colon ? strtol(colon + 1, NULL, 10) : 0;
    int forks = strstr(argv[i], ":c") != NULL;
    errno = 0;
    long rc = syscall(nr, arg0, 0, 0, 0, 0, 0);
    if (forks && rc == 0) _exit(0);
    int e = rc < 0 ? errno : 0;
    if (forks && rc > 0) waitpid((pid_t)rc, NULL, 0);
    printf("syscall %ld %ld %d\n", nr, rc < 0 ? -1L : 0L, e);
    fflush(stdout);
  }
  return 0;
}

/* What Node and libuv need from the kernel still works under the filter. */
static int do_allowed(void) {
  pthread_t t;
  if (pthread_create(&t, NULL, sleeper, NULL) != 0 || pthread_cancel(t) != 0 || pthread_join(t, NULL) != 0) return printf("allowed-failed thread %d\n", errno), 0;
  int sv[2];
  if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0) return printf("allowed-failed socketpair %d\n", errno), 0;
  if (socket(AF_UNIX, SOCK_STREAM, 0) < 0) return printf("allowed-failed socket-unix %d\n", errno), 0;
  int pfd[2];
  if (pipe2(pfd, O_CLOEXEC) < 0) return printf("allowed-failed pipe2 %d\n", errno), 0;
  if (epoll_create1(EPOLL_CLOEXEC) < 0) return printf("allowed-failed epoll %d\n", errno), 0;
  if (eventfd(0, EFD_CLOEXEC) < 0) return printf("allowed-failed eventfd %d\n", errno), 0;
  void *m = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (m == MAP_FAILED || mprotect(m, 4096, PROT_READ) < 0 || munmap(m, 1 << 20) < 0) return printf("allowed-failed mmap %d\n", errno), 0;
  char r[16];
  if (getrandom(r, sizeof r, 0) < 0) return printf("allowed-failed getrandom %d\n", errno), 0;
  struct timespec ts;
  if (clock_gettime(CLOCK_MONOTONIC, &ts) < 0) return printf("allowed-failed clock %d\n", errno), 0;
  printf("allowed ok\n");
  return 0;
}

static int do_int80(void) {
#if defined(__x86_64__)
  long rc;
  /* getpid through the 32-bit ABI: the filter kills a process that switches ABI. */
  __asm__ volatile("int $0x80" : "=a"(rc) : "a"(20L) : "memory");
  printf("int80 %ld\n", rc);
#else
  printf("int80 unsupported\n");
#endif
  return 0;
}

static int do_env(void) {
  for (char **e = environ; *e; e++) printf("env %s\n", *e);
  printf("env-end\n");
  return 0;
}

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  if (argc < 2) return 2;
  const char *mode = argv[1];
  const char *arg = argc > 2 ? argv[2] : "0";
  if (!strcmp(mode, "fork")) return do_fork();
  if (!strcmp(mode, "threads")) return do_threads(atoi(arg));
  if (!strcmp(mode, "forks")) return do_forks(atoi(arg));
  if (!strcmp(mode, "connect")) return do_connect(atoi(arg));
  if (!strcmp(mode, "read")) return do_read(arg);
  if (!strcmp(mode, "write")) return do_write(arg);
  if (!strcmp(mode, "alloc")) return do_alloc(atoi(arg));
  if (!strcmp(mode, "reserve")) return do_reserve(atol(arg));
  if (!strcmp(mode, "burn")) return do_burn(atoi(arg));
  if (!strcmp(mode, "syscalls")) return do_syscalls(argc - 2, argv + 2);
  if (!strcmp(mode, "allowed")) return do_allowed();
  if (!strcmp(mode, "int80")) return do_int80();
  if (!strcmp(mode, "env")) return do_env();
  fprintf(stderr, "unknown mode %s\n", mode);
  return 2;
}
