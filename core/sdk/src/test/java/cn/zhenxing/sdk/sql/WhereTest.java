package cn.zhenxing.sdk.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.zhenxing.sdk.http.Page;
import org.junit.jupiter.api.Test;

class WhereTest {

  @Test
  void absentFiltersVanish_presentOnesAreBoundInOrder_andThePageComesLast() {
    Where where = Where.county("h.county_code", "140721")
        .and("h.village = $?", null)
        .and("h.category = $?", "边缘易致贫户")
        .and("h.demo = false");

    assertEquals(" WHERE h.county_code = $1 AND h.category = $2 AND h.demo = false", where.sql());
    assertEquals(" LIMIT $3 OFFSET $4", where.page(new Page(50, 100)));
    assertEquals(4, where.params().size());
    assertEquals("边缘易致贫户", where.params().getString(1));
    assertEquals(100, where.params().getInteger(3));
  }

  @Test
  void aCityWideListWithoutFiltersHasNoWhere() {
    assertEquals("", Where.all().and("x = $?", null).sql());
  }
}
