package dev.lenetlab.experiment;

import java.util.Iterator;
import java.util.Map;

/** The little JSON the run files need: objects of strings, numbers, booleans, null and nested objects. */
public final class Json {
    private Json() {}

    /** Pretty-printed, keys in the map's order, numbers in Java's shortest round-trip form. */
    public static String write(Map<String, ?> object) {
        StringBuilder sb = new StringBuilder();
        writeObject(object, sb, "");
        return sb.append('\n').toString();
    }

    private static void writeObject(Map<String, ?> object, StringBuilder sb, String indent) {
        sb.append("{\n");
        Iterator<? extends Map.Entry<String, ?>> it = object.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, ?> e = it.next();
            sb.append(indent).append("  ");
            writeString(e.getKey(), sb);
            sb.append(": ");
            writeValue(e.getValue(), sb, indent + "  ");
            sb.append(it.hasNext() ? ",\n" : "\n");
        }
        sb.append(indent).append('}');
    }

    @SuppressWarnings("unchecked")
    private static void writeValue(Object value, StringBuilder sb, String indent) {
        if (value == null) {
            sb.append("null");
        } else if (value instanceof Map<?, ?> map) {
            writeObject((Map<String, ?>) map, sb, indent);
        } else if (value instanceof Double d) {
            sb.append(Double.isFinite(d) ? d.toString() : "null");
        } else if (value instanceof Float f) {
            sb.append(Float.isFinite(f) ? f.toString() : "null");
        } else if (value instanceof Number || value instanceof Boolean) {
            sb.append(value);
        } else {
            writeString(value.toString(), sb);
        }
    }

    private static void writeString(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
