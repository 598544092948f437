package org.orrery.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ModuleMemoryTest {

    @Test
    void readsTheDeclaredMemoryOfRealModules() {
        assertThat(ModuleMemory.read(TestHost.kernel("memory_hog.wasm"))).isEqualTo(new ModuleMemory(100, OptionalLong.empty()));
        assertThat(ModuleMemory.read(TestHost.kernel("scale.wasm")).initialPages()).isEqualTo(1);
        assertThat(ModuleMemory.read(TestHost.kernel("oscillators.wasm")).initialBytes()).isPositive();
    }

    @Test
    void refusesWhatIsNotAModule() {
        assertThatThrownBy(() -> ModuleMemory.read("hello".getBytes())).hasMessageContaining("does not start with");
        assertThatThrownBy(() -> ModuleMemory.read(new byte[] {0, 'a', 's', 'm', 2, 0, 0, 0})).hasMessageContaining("version");
        byte[] truncated = {0, 'a', 's', 'm', 1, 0, 0, 0, 5, 10, 1};
        assertThatThrownBy(() -> ModuleMemory.read(truncated)).hasMessageContaining("runs past the end");
    }
}
