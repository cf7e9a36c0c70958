#!/usr/bin/env bash
# Lays out the Java runtime layer of a Jib image, made on the build machine because no base image
# can be pulled here: a jlink runtime of the JDK that runs the build, in /opt/java, plus every
# shared library that it (and the extra libraries named) load, with the dynamic loader, in the
# paths the loader searches. Jib adds OUT_DIR as an extra directory on top of `scratch`.
#
# usage: java-runtime.sh OUT_DIR MODULES [EXTRA_LIBRARY_NAME...]
#   MODULES: comma-separated jlink modules, e.g. java.base,java.logging
#   EXTRA_LIBRARY_NAME: a library loaded at run time (dlopen), e.g. libpcap.so; it is copied with
#     the libraries it links to, under its own name and its soname.
set -euo pipefail
out=$1 modules=$2
shift 2
jdk=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}
stamp="$modules $* $(readlink -f "$jdk")"
if [ -d "$out" ] && [ -f "$out.stamp" ] && [ "$(cat "$out.stamp")" = "$stamp" ]; then
  echo "java-runtime: $out is up to date"
  exit 0
fi
rm -rf "$out"
mkdir -p "$out/opt" "$out/tmp" "$out/etc"
"$jdk/bin/jlink" --module-path "$jdk/jmods" --add-modules "$modules" --output "$out/opt/java" \
  --strip-debug --no-header-files --no-man-pages --compress=2
# Debian's JDK links its CA store into /etc; the image gets the file itself.
cacerts="$out/opt/java/lib/security/cacerts"
if [ -L "$cacerts" ] || [ ! -s "$cacerts" ]; then
  rm -f "$cacerts"
  cp -L "$jdk/lib/security/cacerts" "$cacerts"
fi

# Libraries: what the runtime's executables and libraries link to, plus the extra ones, resolved
# by the host's loader (ldd), copied as files to the same path in the image.
objects=("$out"/opt/java/bin/* "$out"/opt/java/lib/*.so "$out"/opt/java/lib/server/libjvm.so)
cache=$(ldconfig -p)
find_lib() { awk -v n="$1" '$1 == n && !found { print $NF; found = 1 }' <<<"$cache"; }
for name in "$@"; do
  path=$(find_lib "$name")
  [ -n "$path" ] || { echo "java-runtime: $name not found by ldconfig" >&2; exit 1; }
  objects+=("$path")
  real=$(readlink -f "$path")
  dir=$(dirname "$path")
  mkdir -p "$out$dir"
  cp -L "$path" "$out$dir/$name"
  soname=$(objdump -p "$real" | awk '$1 == "SONAME" { print $2 }')
  [ -z "$soname" ] || cp -L "$path" "$out$dir/$soname"
done
# glibc loads libgcc_s with dlopen to unwind threads (pthread_cancel, pthread_exit).
objects+=("$(find_lib libgcc_s.so.1)")
ldd "${objects[@]}" 2>/dev/null | awk '/=> \// { print $3 } /^\t\/.*ld-linux/ { print $1 }' \
  | sort -u | grep -v "^$out/" | while read -r lib; do
    mkdir -p "$out$(dirname "$lib")"
    cp -L "$lib" "$out$lib"
  done
for lib in "${objects[@]}"; do
  case "$lib" in "$out"*) ;; *) mkdir -p "$out$(dirname "$lib")"; cp -L "$lib" "$out$lib" ;; esac
done
# A user database, so that the JVM can name the user (user.home, user.name).
printf 'root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\n' \
  > "$out/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' > "$out/etc/group"
mkdir -p "$out/root"
echo "$stamp" > "$out.stamp"
echo "java-runtime: $(du -sh "$out" | cut -f1) in $out"
