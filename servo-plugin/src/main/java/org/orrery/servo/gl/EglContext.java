package org.orrery.servo.gl;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.IntBuffer;
import org.lwjgl.PointerBuffer;
import org.lwjgl.egl.EGL;
import org.lwjgl.egl.EGL10;
import org.lwjgl.egl.EGL12;
import org.lwjgl.egl.EGL14;
import org.lwjgl.egl.EGL15;
import org.lwjgl.egl.EGLCapabilities;
import org.lwjgl.egl.EXTDeviceEnumeration;
import org.lwjgl.egl.EXTPlatformBase;
import org.lwjgl.egl.EXTPlatformDevice;
import org.lwjgl.opengl.GL;
import org.lwjgl.opengl.GL11;
import org.lwjgl.system.Configuration;
import org.lwjgl.system.MemoryStack;

/**
 * An OpenGL 3.3 core context with no window and no display server: EGL on Mesa's surfaceless
 * platform or on a GPU device, current on the thread that made it. All drawing goes to framebuffer objects. With a
 * GPU driver it runs on the GPU; on a machine without one, Mesa's llvmpipe runs it on the CPU.
 * One thread at a time may have it current: {@link #release} on one, {@link #makeCurrent} on the next.
 */
public final class EglContext implements AutoCloseable {

    /** EGL_PLATFORM_SURFACELESS_MESA. */
    private static final int PLATFORM_SURFACELESS = 0x31DD;
    /**
     * The context current on each thread, as this class made it. Asking EGL instead
     * (eglGetCurrentContext) allocates 40 bytes a call through LWJGL, and it is asked every frame.
     */
    private static final ThreadLocal<EglContext> CURRENT = new ThreadLocal<>();

    static {
        // NVIDIA's threaded optimisations broke pixel buffer objects in every context but the
        // first of a process (GL_INVALID_OPERATION on glBindBuffer, then a driver thread writing
        // to address 0x10; H200, driver 580.159). Off, all contexts work, and faster. The driver
        // reads the variable when it loads, so it is set before the first EGL call; a value the
        // user set stays.
        setEnvironmentIfAbsent("__GL_THREADED_OPTIMIZATIONS", "0");
    }

    private final long display;
    private final long context;
    private final String renderer;

    private EglContext(long display, long context, String renderer) {
        this.display = display;
        this.context = context;
        this.renderer = renderer;
    }

    /**
     * Makes a context and makes it current on the calling thread: on Mesa's surfaceless platform,
     * or else on the first EGL device (NVIDIA's drivers offer devices, not the surfaceless platform).
     */
    public static EglContext createHeadless() throws GlUnavailableException {
        try {
            // The checks look for the extension on a display before any display exists.
            Configuration.DISABLE_CHECKS.set(true);
            long display = EXTPlatformBase.eglGetPlatformDisplayEXT(PLATFORM_SURFACELESS, 0L, (int[]) null);
            if (display == EGL10.EGL_NO_DISPLAY) {
                display = firstDeviceDisplay();
            }
            if (display == EGL10.EGL_NO_DISPLAY) {
                throw new GlUnavailableException("EGL offers neither Mesa's surfaceless platform nor a device");
            }
            try (MemoryStack stack = MemoryStack.stackPush()) {
                IntBuffer major = stack.mallocInt(1);
                IntBuffer minor = stack.mallocInt(1);
                if (!EGL10.eglInitialize(display, major, minor)) {
                    throw new GlUnavailableException("eglInitialize failed: " + error());
                }
                EGLCapabilities capabilities = EGL.createDisplayCapabilities(display, major.get(0), minor.get(0));
                if (!capabilities.EGL_KHR_surfaceless_context) {
                    throw new GlUnavailableException("EGL lacks EGL_KHR_surfaceless_context");
                }
                EGL12.eglBindAPI(EGL14.EGL_OPENGL_API);
                PointerBuffer configs = stack.mallocPointer(1);
                IntBuffer found = stack.mallocInt(1);
                IntBuffer wanted = stack.ints(EGL10.EGL_SURFACE_TYPE, EGL10.EGL_PBUFFER_BIT,
                        EGL12.EGL_RENDERABLE_TYPE, EGL14.EGL_OPENGL_BIT, EGL10.EGL_NONE);
                if (!EGL10.eglChooseConfig(display, wanted, configs, found) || found.get(0) == 0) {
                    throw new GlUnavailableException("no EGL config for desktop OpenGL: " + error());
                }
                IntBuffer version = stack.ints(EGL15.EGL_CONTEXT_MAJOR_VERSION, 3, EGL15.EGL_CONTEXT_MINOR_VERSION, 3,
                        EGL15.EGL_CONTEXT_OPENGL_PROFILE_MASK, EGL15.EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT, EGL10.EGL_NONE);
                long context = EGL10.eglCreateContext(display, configs.get(0), EGL10.EGL_NO_CONTEXT, version);
                if (context == EGL10.EGL_NO_CONTEXT) {
                    throw new GlUnavailableException("no OpenGL 3.3 core context: " + error());
                }
                if (!EGL10.eglMakeCurrent(display, EGL10.EGL_NO_SURFACE, EGL10.EGL_NO_SURFACE, context)) {
                    EGL10.eglDestroyContext(display, context);
                    throw new GlUnavailableException("eglMakeCurrent failed: " + error());
                }
                if (GL.getFunctionProvider() == null) {
                    // GL functions from EGL itself: no libGL (GLX) needed on a machine without a display.
                    GL.create(name -> EGL10.eglGetProcAddress(name));
                }
                GL.createCapabilities();
                EglContext made = new EglContext(display, context, GL11.glGetString(GL11.GL_RENDERER));
                CURRENT.set(made);
                return made;
            }
        } catch (GlUnavailableException e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            throw new GlUnavailableException("EGL could not be loaded: " + e.getMessage(), e);
        }
    }

    /** libc's setenv, without overwriting: the JDK has no call that changes the process environment. */
    private static void setEnvironmentIfAbsent(String name, String value) {
        Linker linker = Linker.nativeLinker();
        try (Arena arena = Arena.ofConfined()) {
            MethodHandle setenv = linker.downcallHandle(linker.defaultLookup().find("setenv").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
            int unused = (int) setenv.invokeExact(arena.allocateFrom(name), arena.allocateFrom(value), 0);
        } catch (Throwable e) {
            // Not fatal: without it, only NVIDIA's second and later contexts misbehave.
            System.getLogger(EglContext.class.getName()).log(System.Logger.Level.WARNING,
                    "could not set " + name + ": " + e);
        }
    }

    private static long firstDeviceDisplay() {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            PointerBuffer devices = stack.mallocPointer(1);
            IntBuffer count = stack.mallocInt(1);
            if (!EXTDeviceEnumeration.eglQueryDevicesEXT(devices, count) || count.get(0) < 1) {
                return EGL10.EGL_NO_DISPLAY;
            }
            return EXTPlatformBase.eglGetPlatformDisplayEXT(EXTPlatformDevice.EGL_PLATFORM_DEVICE_EXT, devices.get(0), (int[]) null);
        } catch (RuntimeException | LinkageError e) {
            return EGL10.EGL_NO_DISPLAY; // no device enumeration in this EGL
        }
    }

    private static String error() {
        return "EGL error 0x" + Integer.toHexString(EGL10.eglGetError());
    }

    /** The GL renderer, for example "llvmpipe (LLVM 15.0.6, 256 bits)" or a GPU's name. */
    public String renderer() {
        return renderer;
    }

    /** Whether this context is the calling thread's current one. */
    public boolean isCurrent() {
        return CURRENT.get() == this;
    }

    /** Makes the context current on the calling thread; the thread that had it must have released it. */
    public void makeCurrent() {
        if (!EGL10.eglMakeCurrent(display, EGL10.EGL_NO_SURFACE, EGL10.EGL_NO_SURFACE, context)) {
            throw new IllegalStateException("eglMakeCurrent failed: " + error() + " (is the context still current elsewhere?)");
        }
        GL.createCapabilities();
        CURRENT.set(this);
    }

    /** Lets go of the context on the calling thread, so that another thread can make it current. */
    public void release() {
        GL.setCapabilities(null);
        EGL10.eglMakeCurrent(display, EGL10.EGL_NO_SURFACE, EGL10.EGL_NO_SURFACE, EGL10.EGL_NO_CONTEXT);
        CURRENT.remove();
    }

    /** Releases and destroys the context. On the thread that has it current. */
    @Override
    public void close() {
        release();
        // The display is not terminated: every context of this platform shares it, and
        // terminating it would end the others too. It lives as long as the process.
        EGL10.eglDestroyContext(display, context);
    }
}
