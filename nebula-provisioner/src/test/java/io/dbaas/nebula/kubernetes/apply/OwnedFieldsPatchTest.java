package io.dbaas.nebula.kubernetes.apply;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The three-way diff itself: which operations it writes for what Nebula rendered before, renders now, and finds live. */
class OwnedFieldsPatchTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void setsWhatDiffersRemovesWhatNebulaDroppedAndNeverTouchesWhatOthersSet() {
        JsonNode patch = OwnedFieldsPatch.of(
                object("{'metadata':{'labels':{'app':'db','old':'x'}},'spec':{'ports':[{'port':1}]}}"),
                object("{'metadata':{'labels':{'app':'db','tier':'data'}},'spec':{'ports':[{'port':2}]}}"),
                object("{'metadata':{'labels':{'app':'db','old':'x','team':'search'}},"
                        + "'spec':{'ports':[{'port':1,'nodePort':30001}],'clusterIP':'127.0.2.1'}}"));

        assertThat(patch.toString())
                .isEqualTo(array("[{'op':'remove','path':'/metadata/labels/old'},"
                        + "{'op':'add','path':'/metadata/labels/tier','value':'data'},"
                        + "{'op':'add','path':'/spec/ports','value':[{'port':2}]}]"));
    }

    @Test
    void aKeyWithASlashIsEscapedAndAMapNoLongerRenderedLosesOnlyNebulasKeys() {
        JsonNode patch = OwnedFieldsPatch.of(
                object("{'metadata':{'annotations':{'dbaas.io/nodes':'3'}}}"),
                object("{'metadata':{}}"),
                object("{'metadata':{'annotations':{'dbaas.io/nodes':'3','cloud.example/id':'lb-1'}}}"));

        assertThat(patch.toString())
                .isEqualTo(array("[{'op':'remove','path':'/metadata/annotations/dbaas.io~1nodes'}]"));
    }

    @Test
    void nothingToDoWhenTheLiveObjectHoldsEveryOwnedFieldWhateverElseItHolds() {
        JsonNode patch = OwnedFieldsPatch.of(
                object("{}"),
                object("{'spec':{'replicas':3}}"),
                object("{'spec':{'replicas':3,'revisionHistoryLimit':10},'status':{'replicas':3}}"));

        assertThat(patch).isEmpty();
    }

    private static ObjectNode object(String json) {
        try {
            return (ObjectNode) JSON.readTree(json.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String array(String json) {
        try {
            return JSON.readTree(json.replace('\'', '"')).toString();
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
