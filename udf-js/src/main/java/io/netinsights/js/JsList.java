package io.netinsights.js;

import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;

import java.util.ArrayList;
import java.util.List;

/** A Java list that scripts see as an array; the companion of {@link JsMap}. */
public final class JsList extends ArrayList<Object> implements ProxyArray {
    private static final long serialVersionUID = 1L;

    public JsList() {
        super();
    }

    public JsList(List<?> source) {
        super(source);
    }

    @Override
    public Object get(long index) {
        checkIndex(index);
        int i = (int) index;
        Object v = get(i);
        Object w = JsMap.wrap(v);
        if (w != v) {
            set(i, w);
        }
        return w;
    }

    @Override
    public void set(long index, Value value) {
        if (index < 0 || index > Integer.MAX_VALUE - 8) {
            throw new ArrayIndexOutOfBoundsException("index " + index);
        }
        while (size() <= index) {
            add(null);
        }
        set((int) index, JsValues.toJava(value));
    }

    @Override
    public boolean remove(long index) {
        checkIndex(index);
        remove((int) index);
        return true;
    }

    @Override
    public long getSize() {
        return size();
    }

    private void checkIndex(long index) {
        if (index < 0 || index >= size()) {
            throw new ArrayIndexOutOfBoundsException("index " + index + " of " + size());
        }
    }
}
