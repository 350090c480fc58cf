#ifndef FINTRAK_CSPAWN_SHIM_H
#define FINTRAK_CSPAWN_SHIM_H
/* posix_spawn and the Linux calls `ChildProcess` needs beside it: a descriptor that becomes readable when the child
   exits (pidfd_open, glibc 2.36), closing every descriptor from 3 up in the child (glibc 2.34), so a child inherits
   none of the service's sockets, and pipes created close-on-exec (pipe2). The last two are declared only under
   _GNU_SOURCE, which Swift's Glibc module is built without, so they are declared again here. */
#include <spawn.h>
#include <sys/pidfd.h>

extern int posix_spawn_file_actions_addclosefrom_np(posix_spawn_file_actions_t *actions, int from);
extern int pipe2(int descriptors[2], int flags);
#endif
