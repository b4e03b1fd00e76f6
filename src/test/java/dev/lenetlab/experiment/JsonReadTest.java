package dev.lenetlab.experiment;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonReadTest {

    @Test
    void readsWhatItWrites() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("activation", "mish");
        m.put("learning_rate", 0.1);
        m.put("iterations", 10000);
        m.put("seed", 1L);
        m.put("final", null);
        m.put("flag", true);
        m.put("text", "quote \" backslash \\ newline \n tab \t");
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("x", -1.5e-7);
        m.put("nested", nested);
        Map<String, Object> back = Json.readObject(Json.write(m));
        assertEquals("mish", back.get("activation"));
        assertEquals(0.1, back.get("learning_rate"));
        assertEquals(10000L, back.get("iterations"));
        assertEquals(1L, back.get("seed"));
        assertTrue(back.containsKey("final"));
        assertNull(back.get("final"));
        assertEquals(true, back.get("flag"));
        assertEquals(m.get("text"), back.get("text"));
        assertEquals(-1.5e-7, ((Map<?, ?>) back.get("nested")).get("x"));
        assertEquals(List.copyOf(m.keySet()), List.copyOf(back.keySet()), "key order kept");
    }

    @Test
    void readsArraysAndUnicodeEscapes() {
        Object v = Json.read(" [1, 2.5, \"\\u00e9\", [], {}] ");
        assertEquals(List.of(1L, 2.5, "é", List.of(), Map.of()), v);
    }

    @Test
    void refusesWhatIsNotJson() {
        assertThrows(IllegalArgumentException.class, () -> Json.read("{\"a\": }"));
        assertThrows(IllegalArgumentException.class, () -> Json.read("{\"a\": 1} extra"));
        assertThrows(IllegalArgumentException.class, () -> Json.read("\"open"));
        assertThrows(IllegalArgumentException.class, () -> Json.readObject("[1]"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.read("{\"a\" 1}"));
        assertTrue(e.getMessage().contains("offset"), e.getMessage());
    }
}
