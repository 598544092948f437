# Sourced by the scripts in this folder: installs what the build needs and sets JAVA_HOME.
# Safe to run again: it installs only what is missing.

ORRERY_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ORRERY_JDK_DEFAULT=/usr/lib/jvm/temurin-25-jdk-amd64

# Debian packages the build and tests use (commands they provide, package names); zip, unzip
# and fakeroot build the installers.
ORRERY_APT_COMMANDS=(curl tar wat2wasm clang wasm-ld wasm-opt zip unzip fakeroot)
ORRERY_APT_PACKAGES=(curl tar wabt clang lld binaryen zip unzip fakeroot)

# Shared libraries (as ldconfig names them, package names): Mesa's EGL and GL drivers for the
# renderer's offscreen OpenGL backend (its tests are skipped, saying why, without them).
ORRERY_APT_LIBRARIES=(libEGL.so.1 libEGL_mesa.so.0 libGL.so.1)
ORRERY_APT_LIBRARY_PACKAGES=(libegl1 libegl-mesa0 libgl1-mesa-dri)

# Debian packages the Servo bridge's build needs (native-libs/servo-bridge): SpiderMonkey's C++
# build (llvm, libclang 19 for bindgen: 14 cannot parse its headers, m4, python3), Servo's fonts, GL and system libraries, and a
# font for pages to draw text in. Checked by package name.
ORRERY_APT_BUILD_PACKAGES=(llvm-dev libclang-dev clang-19 libclang-19-dev m4 python3 cmake pkg-config gperf libfontconfig1-dev
  libfreetype6-dev libharfbuzz-dev libegl1-mesa-dev libgl1-mesa-dev libgles2-mesa-dev libx11-dev
  libxkbcommon-dev libdbus-1-dev libudev-dev libssl-dev fonts-dejavu-core)

orrery_install_packages() {
  local missing=() i
  for i in "${!ORRERY_APT_COMMANDS[@]}"; do
    command -v "${ORRERY_APT_COMMANDS[$i]}" >/dev/null 2>&1 || missing+=("${ORRERY_APT_PACKAGES[$i]}")
  done
  for i in "${!ORRERY_APT_LIBRARIES[@]}"; do
    /sbin/ldconfig -p 2>/dev/null | grep -q "${ORRERY_APT_LIBRARIES[$i]}" || missing+=("${ORRERY_APT_LIBRARY_PACKAGES[$i]}")
  done
  for i in "${ORRERY_APT_BUILD_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$i" 2>/dev/null | grep -q "ok installed" || missing+=("$i")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "orrery: installing ${missing[*]} with apt-get" >&2
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -q && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q "${missing[@]}"
}

orrery_java_home() {
  # An explicit ORRERY_JAVA_HOME wins; then the Temurin 25 this project is built with; then a
  # JAVA_HOME that already points at Java 25 or newer.
  local candidate
  for candidate in "${ORRERY_JAVA_HOME:-}" "$ORRERY_JDK_DEFAULT" "${JAVA_HOME:-}"; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    local feature
    feature=$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 \
      | sed -n 's/^ *java.specification.version = //p')
    if [ -n "$feature" ] && [ "${feature%%.*}" -ge 25 ]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

orrery_install_packages || { echo "orrery: could not install the Debian packages it needs" >&2; exit 1; }

if ! JAVA_HOME="$(orrery_java_home)"; then
  cat >&2 <<MSG
orrery: Java 25 not found.
  Orrery is built and run with Temurin 25, expected at $ORRERY_JDK_DEFAULT.
  Install it (https://adoptium.net, package temurin-25-jdk) or point ORRERY_JAVA_HOME at a JDK 25.
MSG
  exit 1
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"

# The Servo bridge is Rust, built by cargo (Servo 0.7.0 needs Rust 1.88 or newer). Without it the
# build stops in servo-plugin with the same advice; -Dorrery.servo.skip=true builds without Servo.
[ -x "$HOME/.cargo/bin/cargo" ] && export PATH="$PATH:$HOME/.cargo/bin"
if ! command -v cargo >/dev/null 2>&1; then
  echo "orrery: cargo not found: the Servo bridge needs Rust 1.88 or newer (rustup);" \
       "or pass -Dorrery.servo.skip=true to build without Servo" >&2
fi
