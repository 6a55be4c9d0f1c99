// Exposes the Linux event APIs that Glibc's Swift overlay does not import.
#ifndef CEPOLL_H
#define CEPOLL_H
#ifdef __linux__
#include <sys/epoll.h>
#include <sys/eventfd.h>

struct sockaddr;
// <sys/socket.h> declares accept4 only under _GNU_SOURCE, which the Glibc module is not built with.
extern int accept4(int fd, struct sockaddr *address, unsigned int *length, int flags);
#endif
#endif
